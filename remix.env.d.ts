/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Loaders and actions return plain objects or `data()`: with single fetch on, this makes
// `useLoaderData<typeof loader>()` and `useActionData<typeof action>()` type them as sent.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
  /** Set by server/index.ts: the address of the socket the request came on. */
  interface AppLoadContext {
    clientAddress?: string
  }
}

export {}
