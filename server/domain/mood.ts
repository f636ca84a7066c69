/**
 * A simulated customer's mood: anger, trust and confusion, each 0 to 10. Personas set it and
 * its moves, the customer step changes it, stored turns keep it and the client draws it.
 */
import { z } from 'zod';

export const MoodValue = z.number().min(0).max(10);
export const Mood = z.strictObject({ anger: MoodValue, trust: MoodValue, confusion: MoodValue });
export type Mood = z.infer<typeof Mood>;
export const MOOD_AXES = ['anger', 'trust', 'confusion'] as const;
export type MoodAxis = (typeof MOOD_AXES)[number];
