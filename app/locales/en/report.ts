import type { Messages } from '../types'

export default {
  chooser: {
    title: 'Report a problem',
    lead: 'Choose what you are reporting. Every report enters the public problem list; the responsible unit commits to a fix and a deadline in public.',
    concern: {
      title: 'Pressing concern',
      description:
        'An urgent, difficult or worrying problem in daily life: property management, traffic, parking, schooling, healthcare, sanitation, elderly care…',
      action: 'Report a concern',
    },
    demand: {
      title: 'Enterprise difficulty',
      description:
        'A difficulty your business faces: policy fulfilment, approvals, financing, hiring, land and premises, enforcement inspections…',
      action: 'File an enterprise demand',
    },
    track: 'Already reported? Track it with your tracking code',
  },
  form: {
    concernTitle: 'Report a pressing concern',
    demandTitle: 'File an enterprise demand',
    concernLead:
      'Please describe the problem truthfully. Fields marked “optional” may be left empty.',
    demandLead:
      'Please give your company’s details and your demand truthfully. Fields marked “optional” may be left empty.',
    problem: 'The problem',
    company: 'Company',
    contact: 'How to reach you',
    contactHint: 'Only staff and you can see your contact details; they are never published.',
    category: 'Category',
    choose: 'Choose…',
    district: 'District',
    street: 'Street',
    community: 'Community (optional)',
    communityNone: 'Not sure / none',
    showCommunities: 'Show this street’s communities',
    showCommunitiesHint: 'After choosing a street, press this button to list its communities.',
    title: 'Title',
    titleHint: 'The problem in one sentence, 4 to 80 characters.',
    body: 'Description',
    bodyHint: 'When, where, what happened and what you ask for, 10 to 2000 characters.',
    address: 'Address (optional)',
    addressHint: 'For example: Building 3, 268 Huangpu East Road.',
    addressPublic: 'The address may be shown publicly (otherwise only staff see it)',
    photos: 'Photos (optional, up to 3)',
    photosHint:
      'JPG, PNG or WebP, at most 5 MB each. Location and other embedded data are removed.',
    held: 'Photos already uploaded',
    heldHint: 'These photos are uploaded and will be attached; untick one to leave it out.',
    keepPhoto: 'Keep photo {n}',
    contactName: 'Name',
    mobile: 'Mobile number',
    mobileHint: 'Give a mobile number, an email address, or both.',
    email: 'Email (optional)',
    emailHint: 'With an email address you get a receipt and news of progress.',
    display: 'How your name is shown in public',
    displayMasked: 'A masked name (e.g. Z**)',
    displayAnonymous: 'No name (anonymous)',
    consent:
      'I agree: my contact details are used only to handle and follow up my report and are never published; the report itself is published in the problem list.',
    companyName: 'Company name',
    creditCode: 'Unified Social Credit Code',
    creditCodeHint: '18 characters, printed on the business licence.',
    demandType: 'Type of demand',
    submit: 'Submit',
    submitAnyway: 'Not the same problem: submit anyway',
  },
  demandTypes: {
    policy: 'Policy fulfilment',
    approval: 'Approvals and licences',
    financing: 'Financing',
    hiring: 'Hiring',
    premises: 'Land and premises',
    inspection: 'Enforcement inspections',
    other: 'Other',
  },
  similar: {
    heading: 'Possibly the same problem',
    lead: 'These open reports look like yours. If one is the same problem, follow it instead of filing it again.',
    follow: 'Follow this one',
    submitted: 'Submitted {date}',
  },
  status: {
    pending: 'Awaiting triage',
    accepted: 'Accepted',
    declined: 'Declined',
    merged: 'Merged',
  },
  errors: {
    mobile: 'Enter an 11-digit mainland mobile number, e.g. 13800138000',
    contactNeeded: 'Give a mobile number or an email address so that we can reach you',
    consent: 'Please read and tick to agree',
    creditCodeFormat:
      'A Unified Social Credit Code has 18 digits or capital letters (no I, O, Z, S or V)',
    creditCodeCheck:
      'The check character of this credit code does not match: please look for a typo',
    photoTooLarge: '“{name}” is larger than {max} MB: please choose a smaller photo',
    photoType: '“{name}” is not a JPG, PNG or WebP image',
    photoNotImage: '“{name}” is not an image we can read: please choose a JPG, PNG or WebP photo',
    tooMany: 'Too many submissions: please try again in {minutes} minutes. What you typed is kept.',
    bodyTooLarge:
      'The upload is too large: each photo may be at most {max} MB, and 3 photos at most. Go back and choose smaller photos.',
    bot: 'The form was not submitted properly. Please reload the page and fill it in again.',
  },
  errorPage: {
    title: 'Not submitted',
    back: 'Back to the form',
  },
  received: {
    title: 'Submitted',
    lead: 'We have received your report “{title}”. Once triaged it goes to the responsible unit.',
    code: 'Tracking code',
    codeHint:
      'Note the tracking code. With it and your mobile number or email you can find this report under “Track”.',
    link: 'Your private follow link',
    linkHint: 'This link is yours alone: bookmark it and do not share it.',
    emailSent: 'A receipt has been sent to your email address.',
    follow: 'See its progress',
    another: 'Report another problem',
  },
} satisfies Messages['report']
