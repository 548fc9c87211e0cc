import type { Routes } from '@angular/router';
import { FeedPage } from './feed/feed-page';

export const routes: Routes = [
  { path: '', component: FeedPage },
  // Its own chunk: the feed's first load does not carry the rules page.
  {
    path: 'alerts',
    loadComponent: () =>
      import('./alert-rules/alert-rules-page').then((m) => m.AlertRulesPage),
    title: 'secfeed · alert rules',
  },
  {
    path: 'status',
    loadComponent: () =>
      import('./status/status-page').then((m) => m.StatusPage),
    title: 'secfeed · status',
  },
  { path: '**', redirectTo: '' },
];
