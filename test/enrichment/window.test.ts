import { describe, expect, it } from 'vitest';
import { incidentWindow } from '../../functions/enrichment/index.js';
import { incidentReport } from './fixtures.js';

describe('incidentWindow', () => {
  it('spans 60 minutes before the earliest evidence to 10 minutes after the latest', () => {
    const w = incidentWindow(incidentReport());
    expect(w.start.toISOString()).toBe('2025-03-14T08:40:12.318Z');
    expect(w.end.toISOString()).toBe('2025-03-14T09:51:00.000Z');
  });

  it('includes the alarm time and falls back to it without evidence', () => {
    const report = incidentReport({
      summary: { severity: 'none', issueTypes: [], headline: '', window: { start: null, end: null } },
      alarm: { name: 'nomad-clients-low', time: '2025-03-14T12:00:00Z' },
    });
    const w = incidentWindow(report);
    expect(w.start.toISOString()).toBe('2025-03-14T11:00:00.000Z');
    expect(w.end.toISOString()).toBe('2025-03-14T12:10:00.000Z');
  });

  it('uses the report time when there is neither evidence nor alarm', () => {
    const report = incidentReport({ summary: { severity: 'none', issueTypes: [], headline: '', window: { start: null, end: null } } });
    expect(incidentWindow(report).end.toISOString()).toBe('2025-03-14T10:10:00.000Z');
  });

  it('takes an explicit interval, reading zone-less times as UTC', () => {
    const w = incidentWindow(incidentReport(), '2025-03-14T08:40/2025-03-14T09:50Z');
    expect(w.start.toISOString()).toBe('2025-03-14T08:40:00.000Z');
    expect(w.end.toISOString()).toBe('2025-03-14T09:50:00.000Z');
  });

  it('takes a duration ending at the latest evidence (plus 10 minutes)', () => {
    const w = incidentWindow(incidentReport(), '90m');
    expect(w.start.toISOString()).toBe('2025-03-14T08:11:00.000Z');
    expect(w.end.toISOString()).toBe('2025-03-14T09:51:00.000Z');
    expect(incidentWindow(incidentReport(), '2h').start.toISOString()).toBe('2025-03-14T07:41:00.000Z');
  });

  it('rejects unreadable or inverted overrides', () => {
    expect(() => incidentWindow(incidentReport(), 'yesterday')).toThrow(/expected/);
    expect(() => incidentWindow(incidentReport(), '2025-03-14T10:00Z/2025-03-14T09:00Z')).toThrow(/before the end/);
    expect(() => incidentWindow(incidentReport(), 'x/2025-03-14T09:00Z')).toThrow(/ISO/);
  });
});
