/** Party check-in's face towards the desk. */
export { partyCheckInModule } from './party-check-in-module';
