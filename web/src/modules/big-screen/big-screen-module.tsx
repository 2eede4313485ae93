import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** A wall screen on a stand: the big screen. */
const ScreenIcon = () => <MenuIcon path="M2 3h20v13H2zm2 2v9h16V5zm7 12h2v2h4v2H7v-2h4z" />;

/**
 * The big screen (大屏) is its own app at /screen (web/src/big-screen); the desk only links to
 * it, in a new tab, for those who may open it (`screen.read`).
 */
export const bigScreenModule: DeskModule = {
  name: 'big-screen',
  pages: [],
  links: [
    {
      href: '/screen',
      label: { 'zh-CN': '指挥大屏', 'en-US': 'Big screen' },
      icon: <ScreenIcon />,
      permission: 'screen.read',
    },
  ],
};
