/** The community fund's face towards the desk. */
export { communityFundModule } from './community-fund-module';
