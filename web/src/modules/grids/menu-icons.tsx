/**
 * Menu icons of the grid and staffing modules as minimal inline SVG: the menu is part of
 * the initial bundle, and Ant Design's icon paths for these glyphs cost ~1 KB gzip each.
 * Same shape as an Ant Design icon (span.anticon, 1em, currentColor).
 */
function MenuIcon({ path }: { path: string }) {
  return (
    <span className="anticon">
      <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
        <path d={path} />
      </svg>
    </span>
  );
}

/** Bars: the sizing report. */
export const SizingIcon = () => <MenuIcon path="M3 19h18v2H3zM5 9h3v8H5zm5.5-5h3v13h-3zM16 11h3v6h-3z" />;
/** Arrow into a tray: import/export. */
export const ImportIcon = () => (
  <MenuIcon path="M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 15h2v4h12v-4h2v6H4z" />
);
/** Two arrows: A hands over to B. */
export const HandOverIcon = () => <MenuIcon path="M7 4 3 8l4 4V9h10V7H7zm10 8v3H7v2h10v3l4-4z" />;
