import { ServerClockSetting } from './server-clock.entity';

export const systemEntities = [ServerClockSetting];
