import { DownOutlined, EnvironmentOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, SessionInfo } from '@yiwang/contracts';
import { App, Button, Dropdown, Layout, Menu, type MenuProps, Space } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { menuLabel } from '../../lib/desk-module';
import { errorText } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { LanguageSwitch } from '../../lib/i18n/language-switch';
import { roleLabel } from '../../lib/labels';
import { FullPageSpin, rememberSession, useLogout, useSignedIn } from '../auth';
import { menuLinksFor, menuPagesFor, selectedMenuKey } from './navigation';

/** The desk frame: menu by permission on the left; scope, language and account on top. */
export function Shell() {
  const session = useSignedIn();
  const { t, locale, setLocale, regionName } = useI18n();
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const logout = useLogout();

  const savePreference = useMutation({
    mutationFn: (locale: Locale) => api.put<SessionInfo>('/auth/preferences', { locale }),
    onSuccess: (updated) => rememberSession(queryClient, updated),
    onError: (error) => void message.error(errorText(error)),
  });

  const enrolling = session.totpEnrollmentRequired;
  const menuItems: MenuProps['items'] = enrolling
    ? []
    : [
        ...menuPagesFor(session).map((page) => ({
          key: page.path,
          icon: page.menu?.icon,
          label: <Link to={`/${page.path}`}>{page.menu ? menuLabel(page.menu.label, locale, t) : page.path}</Link>,
        })),
        // Another app (its own HTML page), so a plain link in a new tab: a wall screen runs on its own.
        ...menuLinksFor(session).map((link) => ({
          key: link.href,
          icon: link.icon,
          label: (
            <a
              href={link.href}
              target="_blank"
              rel="noopener"
              data-testid={`menu-link-${link.href.replace(/\W/g, '')}`}
            >
              {link.label[locale]}
            </a>
          ),
        })),
      ];

  const accountItems: MenuProps['items'] = [
    { key: 'security', icon: <SafetyOutlined />, label: t('nav.accountSecurity') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('action.logout'), danger: true },
  ];
  const scope = session.user.scope;

  return (
    <Layout className="yw-shell">
      <Layout.Sider
        width={232}
        collapsedWidth={72}
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        className="yw-sider"
      >
        <Link to="/" className="yw-sider-brand" aria-label={t('app.name')}>
          <span className="yw-brand-mark">一网</span>
          {!collapsed && <span className="yw-sider-brand-text">{t('app.shortName')}</span>}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedMenuKey(location.pathname)]} items={menuItems} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="yw-header">
          <Space size="middle" className="yw-header-scope" data-testid="header-scope">
            <EnvironmentOutlined />
            <span>
              {t('shell.scope')}
              <strong>{regionName({ name: scope.regionName, nameEn: scope.regionNameEn })}</strong>
            </span>
            {session.user.unit && <span className="yw-secondary">{session.user.unit.name}</span>}
          </Space>
          <Space size="large">
            <LanguageSwitch
              onChange={(locale) => {
                setLocale(locale);
                savePreference.mutate(locale);
              }}
            />
            <Dropdown
              trigger={['click']}
              menu={{
                items: accountItems,
                onClick: ({ key }) => {
                  if (key === 'logout') logout.mutate();
                  if (key === 'security') void navigate('/account/security');
                },
              }}
            >
              <Button type="text" size="large" icon={<UserOutlined />} data-testid="account-menu">
                <span className="yw-header-user">
                  {session.user.displayName}
                  <span className="yw-secondary yw-header-roles">
                    {session.user.roles.map((role) => roleLabel(t, role)).join(t('list.separator'))}
                  </span>
                </span>
                <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="yw-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
