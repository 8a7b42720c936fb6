export { LoginPage } from './pages/LoginPage';
export { ForcePasswordChangePage } from './pages/ForcePasswordChangePage';
