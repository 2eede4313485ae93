import type { ServiceProvider, ServiceProviderKind, Signup, Volunteer } from '@yiwang/contracts';
import { pointsOf } from './domain/time-bank.js';
import type { ServiceProviderRow, SignupRow, VolunteerRow } from './volunteers.repository.js';

export const presentVolunteer = (row: VolunteerRow, totals?: { balance: number; earned: number }): Volunteer => ({
  id: row.id,
  communityCode: row.communityCode,
  name: row.name,
  skills: row.skills,
  availability: row.availability,
  training: row.training,
  points: pointsOf(totals?.balance ?? 0),
  minutesServed: totals?.earned ?? 0,
  hasAccount: row.userId !== null,
  createdAt: row.createdAt.toISOString(),
});

export const presentSignup = (row: SignupRow, volunteerName: string): Signup => ({
  id: row.id,
  shiftId: row.shiftId,
  volunteerId: row.volunteerId,
  volunteerName,
  verifiedMinutes: row.verifiedMinutes,
  creditedMinutes: row.creditedMinutes,
  verifiedAt: row.verifiedAt?.toISOString() ?? null,
});

export const presentProvider = (row: ServiceProviderRow): ServiceProvider => ({
  id: row.id,
  regionCode: row.regionCode,
  kind: row.kind as ServiceProviderKind,
  name: row.name,
  offers: row.offers,
  address: row.address,
  contact: row.contact,
  hours: row.hours,
});
