import { googleAds } from './google-ads.ts';
import { linkedinCampaignManager } from './linkedin.ts';
import { metaAds } from './meta.ts';
import type { PlatformFormat } from './format.ts';

/** Every export format the pipeline recognises, in the order they are listed to users. */
export const PLATFORM_FORMATS: readonly PlatformFormat[] = [metaAds, linkedinCampaignManager, googleAds];
