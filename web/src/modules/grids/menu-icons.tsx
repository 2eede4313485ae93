// Menu icons of the grid pages (lib/menu-icon.tsx says why they are inline SVG).
import { MenuIcon } from '../../lib/menu-icon';

/** Bars: the sizing report. */
export const SizingIcon = () => <MenuIcon path="M3 19h18v2H3zM5 9h3v8H5zm5.5-5h3v13h-3zM16 11h3v6h-3z" />;
/** Arrow into a tray: import/export. */
export const ImportIcon = () => (
  <MenuIcon path="M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 15h2v4h12v-4h2v6H4z" />
);
