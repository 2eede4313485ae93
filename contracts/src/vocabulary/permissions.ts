/**
 * What a caller may do. Permissions say *what*; the data scope says *where* and is applied
 * in every query. The server grants them per role (server/src/modules/accounts/permissions.ts)
 * and decides what is allowed; the apps only use them to decide what to show.
 */
export const PERMISSIONS = [
  'regions.read',
  'grids.read',
  'grids.manage',
  'staffing.read',
  'staffing.manage',
  'units.read',
  'units.manage',
  'users.read',
  'users.manage',
  'api-keys.manage',
  'audit.read',
  'audit.verify',
  'photos.upload',
  'photos.read',
  'photos.original',
  'catalog.read',
  'catalog.manage',
  'cases.report',
  /** Every case in the data scope. */
  'cases.read',
  /** Only cases the caller's unit commands, handles, assists or was summoned to (department handlers). */
  'cases.read-unit',
  /** Only cases the caller reported (residents). */
  'cases.read-own',
  /** Command-unit commands: register, void, dispatch, review returns, hold, escalate, whistle, archive… */
  'cases.operate',
  /** Handling-unit commands: accept, return, feedback, extension requests, arrival and part. */
  'cases.handle',
  'cases.verify',
  'cases.rate',
  'cases.supervise',
  /** See a reporter's full phone number for a stated purpose (audited). */
  'cases.reveal',
  /** Keep the 六定 dispatch rules of the scope: add, change, remove, reorder. */
  'routing.manage',
  /** Record my own patrols (GPS track) with the worker app. */
  'patrols.record',
  /** Live positions, tracks and activity of workers in scope (personal data: every view audited). */
  'patrols.read',
  /** Record my own household visits (走访). */
  'visits.record',
  /** Visits and visit plans of grids in scope. */
  'visits.read',
  /** Plan visits for the grids in scope. */
  'visits.plan',
  /** Assessment indicators, the department and town accountability table and the inspection calendar of the scope. */
  'assessment.read',
  /** Save the county's scoring rules (考核细则) as a new version. */
  'assessment.configure',
  /** See my own scores (a grid worker's score and fair score, line by line down to my cases). */
  'assessment.own',
  /** Book inspection and supervision visits to communities in scope (within the county's load limits). */
  'inspections.book',
  /** Set the county's inspection-load limits, suspend routine inspections, cancel any booking in scope. */
  'inspections.manage',
  /** The big screen (大屏) of the scope: counts, rates, the map with open cases and patrol positions, no personal data. */
  'screen.read',
  /** The community fund's ledger and spendings of communities in scope (the public page needs none). */
  'community-fund.read',
  /** Record income, propose spendings and record their five steps, keep the negative list. */
  'community-fund.manage',
  /** The volunteer registry, activities, sign-ups and the service directory of the scope. */
  'volunteers.read',
  /** Register volunteers and providers, run activities, verify hours. */
  'volunteers.manage',
  /** Sign up as a volunteer and for shifts (residents). */
  'volunteers.join',
  /** Party organizations and members checked in to communities in scope, posts, service logs. */
  'party-check-in.read',
  /** Register them, keep the needs list (service posts), log service. */
  'party-check-in.manage',
  /** Raise, support and vote on topics of my community (residents); register for its meetings. */
  'consultation.take-part',
  /** Raise topics for a community in scope (grid workers, community staff). */
  'consultation.raise',
  /** Topics, meetings, votes and decisions of the communities in scope (read and export). */
  'consultation.read',
  /** Raise topics for a community, convene meetings, check in at the door, enter paper ballots, count, publish, carry out decisions. */
  'consultation.manage',
  /** The registry (一标三实) of the scope: search, building and person pages, people masked. */
  'registry.read',
  /** Add and change addresses, buildings, dwellings, households, people, organizations and facilities. */
  'registry.manage',
  /** Reveal a person's ID number or phone for a stated, audited purpose. */
  'registry.reveal',
  /** Keep the data-sharing catalog and the grants of special-population tags (admins). */
  'registry.sharing',
  /** Read registry records through my unit's data-sharing grants (departments). */
  'registry.shared-read',
  /** Approve or reject the household-visit changes a rule sends to the community desk (a new head, an ID number). */
  'registry.review',
  /** Link a case to the people, households, dwellings and facilities it concerns, and remove such links. */
  'registry.link',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
