import { facebookPageSeries, facebookPosts, unplacedSeries } from './facebook-page.ts';
import type { PlatformFormat } from './format.ts';
import { genericLayout } from './generic.ts';
import { googleAds } from './google-ads.ts';
import { googleBusinessProfile } from './google-business.ts';
import { instagramPosts, instagramSeries } from './instagram.ts';
import { linkedinCampaignManager } from './linkedin.ts';
import { linkedinPageFollowers, linkedinPagePosts, linkedinPageUpdates } from './linkedin-page.ts';
import { metaAds } from './meta.ts';
import { microsoftAds } from './microsoft-ads.ts';
import { pinterestAds } from './pinterest.ts';
import { snapchatAds } from './snapchat.ts';
import { tiktokAds } from './tiktok.ts';
import { xAds } from './x.ts';
import { youtubeStudioTable } from './youtube-studio.ts';

/** Paid platform formats, in the order they are listed to users. */
export const AD_FORMATS: readonly PlatformFormat[] = [
  metaAds, linkedinCampaignManager, googleAds, tiktokAds, xAds, pinterestAds, snapchatAds, microsoftAds, genericLayout,
];

/** Organic formats (posts and daily page series); a Business Suite series no platform claims falls to unplacedSeries. */
export const ORGANIC_FORMATS: readonly PlatformFormat[] = [
  facebookPosts, facebookPageSeries, instagramPosts, instagramSeries, linkedinPagePosts, linkedinPageFollowers, linkedinPageUpdates,
  googleBusinessProfile, youtubeStudioTable, unplacedSeries,
];

/** Every export format the pipeline recognises, in the order they are listed to users. */
export const PLATFORM_FORMATS: readonly PlatformFormat[] = [...AD_FORMATS, ...ORGANIC_FORMATS];

export { LINKEDIN_IGNORED_SHEETS } from './linkedin-page.ts';
