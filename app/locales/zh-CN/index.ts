import accountability from './accountability'
import admin from './admin'
import auth from './auth'
import callbacks from './callbacks'
import browse from './browse'
import common from './common'
import duties from './duties'
import email from './email'
import follow from './follow'
import home from './home'
import mailbox from './mailbox'
import privacy from './privacy'
import report from './report'
import sms from './sms'
import timeline from './timeline'
import track from './track'
import transparency from './transparency'
import validation from './validation'
import verdict from './verdict'

export default {
  accountability,
  admin,
  auth,
  callbacks,
  browse,
  common,
  duties,
  email,
  follow,
  home,
  mailbox,
  privacy,
  report,
  sms,
  timeline,
  track,
  transparency,
  validation,
  verdict,
}
