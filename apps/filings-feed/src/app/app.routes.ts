import type { Routes } from '@angular/router';
import { FeedPage } from './feed/feed-page';

export const routes: Routes = [
  { path: '', component: FeedPage },
  { path: '**', redirectTo: '' },
];
