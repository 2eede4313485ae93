/** The volunteers module's face towards the desk. */
export { volunteersModule } from './volunteers-module';
