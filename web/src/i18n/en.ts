/**
 * Every string the web app shows, in English. A French file with the same shape is all a
 * translation needs (Ontario clinics serve both). Functions take what varies.
 */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const en = {
  app: {
    name: 'Stepwise',
    tagline: 'Goals, steps and real progress — between sessions too.',
  },
  nav: {
    label: 'Main',
    skip: 'Skip to content',
    today: 'Today',
    goals: 'My goals',
    journal: 'Journal',
    myData: 'My data',
    caseload: 'Caseload',
    alerts: 'Alerts',
    signOut: 'Sign out',
  },
  states: {
    loading: 'Loading…',
    retry: 'Try again',
    saving: 'Saving…',
    saved: 'Saved',
  },
  errors: {
    network: 'Cannot reach Stepwise. Check your connection and try again.',
    unknown: 'Something went wrong. Please try again.',
    status: (status: number) => `The server answered ${status}. Please try again.`,
  },
  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    home: 'Go to the start page',
  },
  login: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    wrong: 'That e-mail and password do not match an account.',
    failed: 'Could not sign in.',
    expired: 'Your session has ended. Please sign in again.',
  },
  queue: {
    waiting: (n: number) =>
      `${n} ${plural(n, 'check-in is', 'check-ins are')} saved on this device and will be sent when you are back online.`,
    sendNow: 'Send now',
    refused: (detail: string) => `A check-in could not be saved: ${detail}`,
    dismiss: 'Dismiss',
  },
  today: {
    title: 'Today',
    greeting: (name: string) => `Hello, ${name}`,
    dateLine: (day: string) => `Today is ${day}.`,
    checkIn: 'Check in',
    checkInIntro: 'One tap per measure. Add a note if you like.',
    noMeasures: 'No measures to check in yet. Your therapist will set them up with you.',
    practices: 'Practices',
    noPractices: 'No practices for today.',
    markDone: (title: string) => `Mark “${title}” done today`,
    done: 'Done',
    notDone: 'Not done',
    doneToday: 'Done today',
    streak: (n: number) => `${n}-day streak`,
    steps: 'Steps coming up',
    noSteps: 'No steps due in the next week.',
    overdue: 'Overdue',
    due: (day: string) => `Due ${day}`,
    questionnaires: 'Questionnaires due',
    noQuestionnaires: 'No questionnaires due.',
    start: (title: string) => `Start ${title}`,
    forGoal: (title: string) => `For: ${title}`,
  },
  checkIn: {
    valueLabel: (name: string) => `${name}`,
    scaleHint: '0 to 10',
    decrease: (name: string) => `Less ${name}`,
    increase: (name: string) => `More ${name}`,
    yes: 'Yes',
    no: 'No',
    addNote: 'Add a note',
    note: 'Note (optional)',
    save: 'Save',
    savedAt: (time: string) => `Saved at ${time}`,
    queued: 'Saved on this device. It will be sent when you are back online.',
    pickValue: 'Choose an answer first.',
    lastValue: (value: string, when: string) => `Last: ${value} (${when})`,
  },
  practice: {
    daily: 'Every day',
    weekly: (n: number) => `${n} ${plural(n, 'time', 'times')} a week`,
    weekdays: (days: string) => `On ${days}`,
    dayNames: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    minutes: (n: number) => `${n} min`,
    adherence: (pct: string) => `${pct} done in the last 4 weeks`,
    noAdherence: 'Not enough days yet to show how often it is done.',
  },
};

export type Messages = typeof en;
