import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireRole, homeFor } from './auth/require-role';
import { useAuth } from './auth/auth-context';
import { Shell } from './layout/shell';
import { HomePage } from './public/home-page';
import { Loading } from './ui/states';
import { NotFoundPage } from './layout/not-found-page';

// Everything behind sign-in is split out of the first page's bundle.
const LoginPage = lazy(() => import('./auth/login-page'));
const KnowledgeItemPage = lazy(() => import('./public/knowledge-item-page'));
const PrivacyPage = lazy(() => import('./public/privacy-page'));
const RequestListPage = lazy(() => import('./workspaces/requests/request-list-page'));
const RequestFormPage = lazy(() => import('./workspaces/requests/request-form-page'));
const RequestPage = lazy(() => import('./workspaces/requests/request-page'));
const InvitationsPage = lazy(() => import('./workspaces/partner/invitations-page'));
const FundPage = lazy(() => import('./workspaces/fund/fund-page'));
const DonorPage = lazy(() => import('./workspaces/donor/donor-page'));
const AdminPage = lazy(() => import('./workspaces/admin/admin-page'));
const KnowledgeImportPage = lazy(() => import('./workspaces/knowledge/knowledge-import-page'));
const KnowledgeListPage = lazy(() => import('./workspaces/knowledge/knowledge-list-page'));
const KnowledgeEditorPage = lazy(() => import('./workspaces/knowledge/knowledge-editor-page'));
const NotificationsPage = lazy(() => import('./workspaces/notifications-page'));
const MechanismDashboardPage = lazy(() => import('./workspaces/dashboard/mechanism-dashboard-page'));

function WorkspaceHome() {
  const { me, status } = useAuth();
  if (status === 'loading') return <Loading />;
  return <Navigate to={me ? homeFor(me.role) : '/login'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route path="/" element={<HomePage />} />
        <Route path="/knowledge/:id" element={<KnowledgeItemPage />} />
        <Route path="/privacy" element={<PrivacyPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/app" element={<RequireRole />}>
          <Route index element={<WorkspaceHome />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route element={<RequireRole roles={['focal_point', 'hub_officer', 'partner_officer', 'admin']} />}>
            <Route path="requests" element={<RequestListPage />} />
            <Route path="requests/:id" element={<RequestPage />} />
          </Route>
          <Route element={<RequireRole roles={['focal_point']} />}>
            <Route path="requests/new" element={<RequestFormPage />} />
            <Route path="requests/:id/edit" element={<RequestFormPage />} />
          </Route>
          <Route element={<RequireRole roles={['partner_officer', 'hub_officer']} />}>
            <Route path="invitations" element={<InvitationsPage />} />
          </Route>
          <Route element={<RequireRole roles={['hub_officer', 'partner_officer', 'admin']} />}>
            <Route path="knowledge" element={<KnowledgeListPage />} />
            <Route path="knowledge/new" element={<KnowledgeEditorPage />} />
            <Route path="knowledge/:id" element={<KnowledgeEditorPage />} />
          </Route>
          <Route element={<RequireRole roles={['hub_officer']} />}>
            <Route path="knowledge/import" element={<KnowledgeImportPage />} />
          </Route>
          <Route element={<RequireRole roles={['fund_manager', 'steering_committee']} />}>
            <Route path="fund" element={<FundPage />} />
          </Route>
          <Route element={<RequireRole roles={['donor', 'fund_manager']} />}>
            <Route path="donor" element={<DonorPage />} />
          </Route>
          <Route element={<RequireRole roles={['admin']} />}>
            <Route path="admin" element={<AdminPage />} />
          </Route>
          <Route element={<RequireRole roles={['hub_officer', 'admin', 'steering_committee', 'fund_manager']} />}>
            <Route path="dashboard" element={<MechanismDashboardPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
