import { Paper, Text, VisuallyHidden } from '@mantine/core';

interface ChatBubbleProps {
  /** The client's messages sit on the right, as in the client's own WhatsApp. */
  side: 'client' | 'bot';
  author: string;
  text: string;
}

/** One message of the dialog preview; the author is spoken to screen readers, shown by the side. */
export function ChatBubble({ side, author, text }: ChatBubbleProps) {
  const client = side === 'client';
  return (
    <Paper
      component="li"
      px="sm"
      py={6}
      radius="md"
      maw="85%"
      bg={client ? 'green.1' : 'white'}
      withBorder={!client}
      style={{ alignSelf: client ? 'flex-end' : 'flex-start', listStyle: 'none' }}
      data-preview-author={side}
    >
      <VisuallyHidden>{author}: </VisuallyHidden>
      <Text size="sm" data-preview-text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </Paper>
  );
}
