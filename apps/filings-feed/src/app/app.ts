import { ChangeDetectionStrategy, Component } from '@angular/core';

/** The dashboard shell; the feed itself arrives with the dashboard issue (#5). */
@Component({
  selector: 'sf-root',
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
