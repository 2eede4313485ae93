import {
  BookDrawnInspectionBody,
  CreateDrawBody,
  Draw,
  DrawList,
  DrawPairParams,
  DrawVerification,
  EnrollInspectorBody,
  IdParams,
  InspectionBooking,
  InspectionFinding,
  Inspector,
  InspectorList,
  InspectorParams,
  MyDrawnInspections,
  RecordFindingBody,
} from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { bookDrawnInspection } from './use-cases/book-drawn-inspection.js';
import { createDraw } from './use-cases/create-draw.js';
import { enrollInspector, listInspectors, withdrawInspector } from './use-cases/inspectors.js';
import { listDraws, listMyDrawnInspections, readDraw } from './use-cases/read-draws.js';
import { recordFinding } from './use-cases/record-finding.js';
import { verifyDraw } from './use-cases/verify-draw.js';

/** 双随机 random inspections (issue 12 item 5): the inspector registry, draws, their re-run and findings. */
export function inspectionDrawRoutes(app: App, { db }: { db: Db }) {
  app.get(
    '/assessment/inspectors',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The inspector registry of my scope: enrolled staff with their home area and unit',
        response: { 200: InspectorList },
      },
    },
    async (request) => listInspectors(db, authorize(request, 'assessment.read')),
  );

  app.post(
    '/assessment/inspectors',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Enroll a staff account of my scope as an inspector (audited)',
        body: EnrollInspectorBody,
        response: { 201: Inspector },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.manage');
      const inspector = await enrollInspector(db, actor, auditContextOf(request), { userId: request.body.userId });
      return reply.code(201).send(inspector);
    },
  );

  app.delete(
    '/assessment/inspectors/:userId',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Withdraw an inspector from the registry (past draws keep them; audited)',
        params: InspectorParams,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.manage');
      await withdrawInspector(db, actor, auditContextOf(request), { userId: request.params.userId });
      return reply.status(204).send();
    },
  );

  app.get(
    '/assessment/draws',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The random inspection draws of my scope, newest first',
        response: { 200: DrawList },
      },
    },
    async (request) => listDraws(db, authorize(request, 'assessment.read')),
  );

  app.get(
    '/assessment/draws/mine',
    {
      schema: {
        tags: ['assessment'],
        summary: 'The pairs drawn for me as inspector (targets outside my own scope by design), with findings so far',
        response: { 200: MyDrawnInspections },
      },
    },
    async (request) => listMyDrawnInspections(db, authorize(request, null)),
  );

  app.post(
    '/assessment/draws',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Draw random inspections in my scope: a share of grids (flagged ones weigh more), units and listed cases, each with an inspector not of its area or unit, avoiding the previous pairs; the seed is the public value given, or random hex shown; audited',
        body: CreateDrawBody,
        response: { 201: Draw },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.manage');
      const draw = await createDraw(db, actor, auditContextOf(request), { body: request.body });
      return reply.code(201).send(draw);
    },
  );

  app.get(
    '/assessment/draws/:id',
    {
      schema: {
        tags: ['assessment'],
        summary: 'One draw of my scope: its seed, snapshot hash, parameters and list, with findings',
        params: IdParams,
        response: { 200: Draw },
      },
    },
    async (request) => readDraw(db, authorize(request, 'assessment.read'), { drawId: request.params.id }),
  );

  app.get(
    '/assessment/draws/:id/verify',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Re-run a draw from its published seed and stored snapshot and compare with the stored list (matches = same snapshot hash and the same pairs in the same order)',
        params: IdParams,
        response: { 200: DrawVerification },
      },
    },
    async (request) => verifyDraw(db, authorize(request, 'assessment.read'), { drawId: request.params.id }),
  );

  app.post(
    '/assessment/draws/:id/pairs/:pairId/findings',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Record what was found on site vs what had been reported for a drawn pair (its inspector, or inspections.manage over the target; audited)',
        params: DrawPairParams,
        body: RecordFindingBody,
        response: { 201: InspectionFinding },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, null);
      const finding = await recordFinding(db, actor, auditContextOf(request), {
        drawId: request.params.id,
        pairId: request.params.pairId,
        body: request.body,
      });
      return reply.code(201).send(finding);
    },
  );

  app.post(
    '/assessment/draws/:id/pairs/:pairId/booking',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Book a drawn pair’s visit on the shared inspection calendar (a routine visit to the target’s community), subject to its daily and weekly limits (409 naming the booking already there)',
        params: DrawPairParams,
        body: BookDrawnInspectionBody,
        response: { 201: InspectionBooking },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.manage');
      const booking = await bookDrawnInspection(db, actor, auditContextOf(request), {
        drawId: request.params.id,
        pairId: request.params.pairId,
        day: request.body.day,
        now: new Date(),
      });
      return reply.code(201).send(booking);
    },
  );
}
