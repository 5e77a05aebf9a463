// Per-host TCP probes (stage 1: unauthenticated), run for every host the sweep finds alive.
// Favicon hashes are taken by the HTTP banner probe (it knows the scheme and the page's icon link);
// `faviconModule` exists for running them on their own.
import type { DiscoveryModule } from '../core/module.js';
import { httpBannerModule } from './http-banner.js';
import { vendorPathsModule } from './vendor-paths.js';
import { tlsCertModule } from './tls-cert.js';
import { rtspModule } from './rtsp.js';
import { onvifPreauthModule } from './onvif-preauth.js';

export const hostModules: DiscoveryModule[] = [httpBannerModule, vendorPathsModule, tlsCertModule, rtspModule, onvifPreauthModule];
export { faviconModule } from './favicon.js';
