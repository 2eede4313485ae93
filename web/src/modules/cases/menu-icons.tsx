// Menu icons of the case pages (lib/menu-icon.tsx says why they are inline SVG).
import { MenuIcon } from '../../lib/menu-icon';

/** A clipboard with a check: the intake queue. */
export const IntakeIcon = () => (
  <MenuIcon path="M9 2h6v2h4v18H5V4h4zm0 4H7v14h10V6h-2v2H9zm1.6 10.4L7.8 13.6l1.4-1.4 1.4 1.4 4.2-4.2 1.4 1.4z" />
);
/** A plus in a circle: a new case. */
export const NewIcon = () => (
  <MenuIcon path="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm1 3v4h4v2h-4v4h-2v-4H7v-2h4V7z" />
);
/** A tray: the unit inbox. */
export const InboxIcon = () => <MenuIcon path="M3 4h18v16H3zm2 2v7h4l1 2h4l1-2h4V6zm0 9v3h14v-3h-2.8l-1 2H8.8l-1-2z" />;
/** Lines: the case list. */
export const ListIcon = () => (
  <MenuIcon path="M3 5h2v2H3zm4 0h14v2H7zm-4 6h2v2H3zm4 0h14v2H7zm-4 6h2v2H3zm4 0h14v2H7z" />
);
/** A flag: supervision. */
export const FlagIcon = () => <MenuIcon path="M5 2h2v1h12l-2.5 5L19 13H7v9H5zm2 3v6h8.8l-1.5-3 1.5-3z" />;
/** Arrows branching: the dispatch rules (六定). */
export const RulesIcon = () => (
  <MenuIcon path="M4 4h6v6H8v3h5v-2h7v6h-7v-2H6V10H4zm2 2v2h2V6zm9 7v2h3v-2zM15 3h5v5h-5z" />
);
