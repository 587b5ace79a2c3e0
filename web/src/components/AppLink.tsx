import { Anchor, type AnchorProps } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { hrefOf, navigate, type Route } from '../lib/route.js';

interface AppLinkProps extends AnchorProps {
  to: Route;
  children: ReactNode;
  'aria-label'?: string;
}

/** A real link (it opens in a new tab, and has an address) that moves within the app without a reload. */
export function AppLink({ to, children, ...props }: AppLinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Anchor href={hrefOf(to)} onClick={follow} {...props}>
      {children}
    </Anchor>
  );
}
