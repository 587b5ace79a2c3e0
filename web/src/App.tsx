import { Container } from '@mantine/core';
import { useSession } from './api/session.js';
import { AppHeader } from './components/AppHeader.js';
import { ConnectorSettingsPage } from './components/ConnectorSettingsPage.js';
import { ConnectorsPage } from './components/ConnectorsPage.js';
import { LoginForm } from './components/LoginForm.js';
import { SessionEnded } from './components/SessionEnded.js';
import { useRoute } from './lib/route.js';

function SignedIn({ placementConnectorId, placementLineId }: { placementConnectorId?: string; placementLineId?: number }) {
  const route = useRoute();
  // Bitrix24 opens the placement for one connector: that is the whole app there.
  if (placementConnectorId !== undefined) return <ConnectorSettingsPage id={placementConnectorId} showBack={false} />;
  if (route.name === 'connector') return <ConnectorSettingsPage key={route.id} id={route.id} showBack />;
  // On a line without a connector: the portal's connectors and a form to create one on that line.
  return <ConnectorsPage placementLineId={placementLineId} />;
}

export function App() {
  const session = useSession();
  return (
    <>
      <AppHeader />
      <Container component="main" size={720} px="md" py="lg">
        {session.status === 'signed_in' ? (
          <SignedIn
            placementConnectorId={session.mode === 'placement' ? session.connectorId : undefined}
            placementLineId={session.mode === 'placement' ? session.lineId : undefined}
          />
        ) : session.mode === 'placement' ? (
          <SessionEnded />
        ) : (
          <LoginForm tokenRejected={session.tokenRejected} />
        )}
      </Container>
    </>
  );
}
