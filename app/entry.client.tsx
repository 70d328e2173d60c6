import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { addPageMessages } from './platform/i18n'
import { readPageMessages } from './ui/i18n'

// The strings the server rendered with, before React renders the same page again.
const page = readPageMessages()
if (page) addPageMessages(page)

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  )
})
