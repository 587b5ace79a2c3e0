import { createTheme } from '@mantine/core';

/** Blue like Bitrix24's own interface, so the app does not stand out inside its slider. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
});
