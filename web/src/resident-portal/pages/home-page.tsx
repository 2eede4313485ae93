import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCommunityI18n } from '../community-i18n';
import { consultText } from '../consultation-i18n';
import { usePortalI18n } from '../i18n';
import { portalApi } from '../portal-api';
import { useSession, useSetSession } from '../session';
import { ErrorNote, Screen } from '../ui';

/** Three things a resident comes for: report, follow, see their reports. */
export default function HomePage() {
  const { t, locale } = usePortalI18n();
  const { tc } = useCommunityI18n();
  const { session } = useSession();
  const setSession = useSetSession();
  const logout = useMutation({ mutationFn: portalApi.logout, onSuccess: () => setSession(null) });
  return (
    <Screen title={t('app.name')} back={null}>
      <p className="yr-tagline">{t('app.tagline')}</p>
      <nav className="yr-actions">
        <Link to="/report" className="yr-action yr-action-primary" data-testid="home-report">
          <strong>{t('home.report')}</strong>
          <span>{t('home.reportHint')}</span>
        </Link>
        <Link to="/follow" className="yr-action" data-testid="home-follow">
          <strong>{t('home.follow')}</strong>
          <span>{t('home.followHint')}</span>
        </Link>
        <Link to="/mine" className="yr-action" data-testid="home-mine">
          <strong>{t('home.mine')}</strong>
          <span>{t('home.mineHint')}</span>
        </Link>
        <Link to="/fund" className="yr-action" data-testid="home-fund">
          <strong>{tc('home.fund')}</strong>
          <span>{tc('home.fundHint')}</span>
        </Link>
        <Link to="/volunteer" className="yr-action" data-testid="home-volunteer">
          <strong>{tc('home.volunteer')}</strong>
          <span>{tc('home.volunteerHint')}</span>
        </Link>
        <Link to="/services" className="yr-action" data-testid="home-services">
          <strong>{tc('home.services')}</strong>
          <span>{tc('home.servicesHint')}</span>
        </Link>
        <Link to="/consult" className="yr-action" data-testid="home-consult">
          <strong>{consultText(locale, 'home.consult')}</strong>
          <span>{consultText(locale, 'home.consultHint')}</span>
        </Link>
        <Link to="/notices" className="yr-action" data-testid="home-notices">
          <strong>{consultText(locale, 'home.notices')}</strong>
          <span>{consultText(locale, 'home.noticesHint')}</span>
        </Link>
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
