/**
 * A menu icon as minimal inline SVG: the menu is part of the initial bundle, and Ant Design's
 * icon paths cost ~1 KB gzip each. Same shape as an Ant Design icon (span.anticon, 1em,
 * currentColor). Each module draws its own with a path.
 */
export function MenuIcon({ path }: { path: string }) {
  return (
    <span className="anticon">
      <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
        <path d={path} />
      </svg>
    </span>
  );
}
