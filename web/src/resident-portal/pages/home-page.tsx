import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCommunityI18n } from '../community-i18n';
import { consultText } from '../consultation-i18n';
import { usePortalI18n } from '../i18n';
import { portalApi } from '../portal-api';
import { useSession, useSetSession } from '../session';
import { ErrorNote, Screen } from '../ui';

/** What a resident comes for: report, follow, their reports, and the community's shared life (fund, volunteering, services, consultation). */
export default function HomePage() {
  const { t, locale } = usePortalI18n();
  const { tc } = useCommunityI18n();
  const { session } = useSession();
  const setSession = useSetSession();
  const logout = useMutation({ mutationFn: portalApi.logout, onSuccess: () => setSession(null) });
  const c = (key: 'home.consult' | 'home.consultHint' | 'home.notices' | 'home.noticesHint') =>
    consultText(locale, key);
  // The portal's front door, in the order residents come for things: one list, one way to draw it.
  const links = [
    { id: 'report', to: '/report', title: t('home.report'), hint: t('home.reportHint'), primary: true },
    { id: 'follow', to: '/follow', title: t('home.follow'), hint: t('home.followHint') },
    { id: 'mine', to: '/mine', title: t('home.mine'), hint: t('home.mineHint') },
    { id: 'fund', to: '/fund', title: tc('home.fund'), hint: tc('home.fundHint') },
    { id: 'volunteer', to: '/volunteer', title: tc('home.volunteer'), hint: tc('home.volunteerHint') },
    { id: 'services', to: '/services', title: tc('home.services'), hint: tc('home.servicesHint') },
    { id: 'consult', to: '/consult', title: c('home.consult'), hint: c('home.consultHint') },
    { id: 'notices', to: '/notices', title: c('home.notices'), hint: c('home.noticesHint') },
  ];
  return (
    <Screen title={t('app.name')} back={null}>
      <p className="yr-tagline">{t('app.tagline')}</p>
      <nav className="yr-actions">
        {links.map((link) => (
          <Link
            key={link.to}
            to={link.to}
            className={`yr-action${link.primary ? ' yr-action-primary' : ''}`}
            data-testid={`home-${link.id}`}
          >
            <strong>{link.title}</strong>
            <span>{link.hint}</span>
          </Link>
        ))}
      </nav>
      <footer className="yr-account">
        {session ? (
          <>
            <span data-testid="signed-in-as">{t('home.signedInAs', { name: session.user.displayName })}</span>
            <button type="button" className="yr-link" onClick={() => logout.mutate()} disabled={logout.isPending}>
              {t('home.signOut')}
            </button>
          </>
        ) : (
          <>
            <Link to="/login">{t('home.signIn')}</Link>
            <Link to="/register">{t('home.register')}</Link>
          </>
        )}
      </footer>
      <ErrorNote error={logout.error} />
    </Screen>
  );
}
