import { Paper, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

interface SettingsSectionProps {
  /** Names the section for tests and styling (`data-section`). */
  name: string;
  title: string;
  children: ReactNode;
}

/** One section of the settings window: a titled landmark, so screen readers can jump between them. */
export function SettingsSection({ name, title, children }: SettingsSectionProps) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} data-section={name} withBorder p="md" radius="md">
      <Title order={3} size="h4" id={headingId} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
