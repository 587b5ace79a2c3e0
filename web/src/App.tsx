import { Container } from '@mantine/core';
import { useSession } from './api/session.js';
import { AppHeader } from './components/AppHeader.js';
import { ConnectorsPage } from './components/ConnectorsPage.js';
import { LoginForm } from './components/LoginForm.js';

export function App() {
  const session = useSession();
  return (
    <>
      <AppHeader />
      <Container component="main" size={720} px="md" py="lg">
        {session.status === 'signed_in' ? (
          <ConnectorsPage />
        ) : (
          <LoginForm tokenRejected={session.tokenRejected} />
        )}
      </Container>
    </>
  );
}
