export default {
  footer: 'The public log: check that no record was ever changed',
  logged: 'Logged #{index}',
  loggedTitle: 'See the proof that this entry is in the public log',
  title: 'The public log: a record no one can quietly rewrite',
  lead: 'Every step of every case is written into a public ledger that can only grow. You can check for yourself that nothing we published was ever removed or changed.',
  whatHeading: 'What is recorded',
  what: 'Every step — a report filed, accepted, assigned, progress, resolution, ratings — goes into the log in the order it happened. Public entries are written as they are; private ones (such as staff viewing a report) only as a salted fingerprint that reveals no personal data and cannot be guessed back.',
  howHeading: 'Why it cannot be rewritten quietly',
  how: 'The log is a Merkle tree as in Certificate Transparency (RFC 9162). Every second new entries are added and the portal signs a checkpoint: the number of entries and the fingerprint of the whole tree. Anyone who kept an older checkpoint can show that any later deletion, change or reordering of an entry no longer matches it.',
  checkHeading: 'What you can check',
  checks: {
    keep: 'Keep the current checkpoint (the text below, or /transparency/checkpoint); it also goes out in the progress feed, so many people keep copies.',
    key: 'Check with the verifier key (/transparency/vkey) that the portal signed it.',
    proof:
      'The “Logged #n” link beside each public entry gives its proof (/transparency/proof/n) that it is in the signed tree.',
    audit:
      'Technical readers can download the whole tree as C2SP tlog-tiles (/transparency/tile/…) and check it with any compatible tool; operators run npm run audit:verify -- --checkpoint <old checkpoint file> to check the database entry by entry.',
  },
  latestHeading: 'The current checkpoint',
  size: '{size} entries logged',
  signedAt: 'Signed at {at}',
  none: 'The log has not signed a checkpoint yet; please look again shortly.',
  keyHeading: 'Verifier key',
  older: 'Earlier checkpoints: /transparency/checkpoints/<number of entries>',
  feedTitle: 'Log checkpoint #{size}',
}
