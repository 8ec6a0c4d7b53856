import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { FundMeetingEntity, FundMeetingItemEntity, FundMeetingPackEntity } from './meeting.entity';

/** A pack without its bytes (lists, views, the decision's citation). */
export type PackInfo = Omit<FundMeetingPackEntity, 'content'>;

const PACK_INFO = [
  'p.id',
  'p.meetingId',
  'p.version',
  'p.allocationIds',
  'p.sha256',
  'p.size',
  'p.pages',
  'p.generatedById',
  'p.generatedAt',
];

/** The steering committee's meetings, agendas and decision packs. */
@Injectable()
export class CommitteeRepository extends TransactionalRepository {
  async insertMeeting(m: FundMeetingEntity): Promise<void> {
    await this.manager.getRepository(FundMeetingEntity).insert(m);
  }

  /** The meeting; `lock`: FOR UPDATE, so agenda changes and pack generations queue behind each other. */
  async meeting(id: string, options: { lock?: boolean } = {}): Promise<FundMeetingEntity | null> {
    if (options.lock && !this.inTransaction) throw new Error('meeting: a lock needs a transaction');
    const qb = this.manager.getRepository(FundMeetingEntity).createQueryBuilder('m').where('m.id = :id', { id });
    if (options.lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  meetings(afterId: string | undefined, limit: number): Promise<FundMeetingEntity[]> {
    const qb = this.manager
      .getRepository(FundMeetingEntity)
      .createQueryBuilder('m')
      .orderBy('m.id', 'DESC')
      .limit(limit);
    if (afterId) qb.andWhere('m.id < :afterId', { afterId });
    return qb.getMany();
  }

  /** Agenda items of these meetings, in order. */
  items(meetingIds: string[]): Promise<FundMeetingItemEntity[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundMeetingItemEntity)
      .createQueryBuilder('i')
      .where('i.meetingId IN (:...ids)', { ids: meetingIds })
      .orderBy('i.meetingId')
      .addOrderBy('i.position')
      .getMany();
  }

  /** The agenda becomes `allocationIds`, in that order; the meeting's version moves (guarded on the one read). */
  async replaceAgenda(m: FundMeetingEntity, allocationIds: string[]): Promise<boolean> {
    if (!(await this.touch(m))) return false;
    await this.manager.query(`DELETE FROM fund_meeting_item WHERE meeting_id = $1`, [m.id]);
    if (allocationIds.length)
      await this.manager
        .getRepository(FundMeetingItemEntity)
        .insert(allocationIds.map((allocationId, i) => ({ meetingId: m.id, allocationId, position: i + 1 })));
    return true;
  }

  /** Packs of these meetings without their bytes, newest version first. */
  packs(meetingIds: string[]): Promise<PackInfo[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.manager
      .getRepository(FundMeetingPackEntity)
      .createQueryBuilder('p')
      .select(PACK_INFO)
      .where('p.meetingId IN (:...ids)', { ids: meetingIds })
      .orderBy('p.meetingId')
      .addOrderBy('p.version', 'DESC')
      .getMany();
  }

  /** One pack with its bytes: `version`, or the latest. */
  pack(meetingId: string, version?: number): Promise<FundMeetingPackEntity | null> {
    const qb = this.manager
      .getRepository(FundMeetingPackEntity)
      .createQueryBuilder('p')
      .where('p.meetingId = :meetingId', { meetingId })
      .orderBy('p.version', 'DESC')
      .limit(1);
    if (version !== undefined) qb.andWhere('p.version = :version', { version });
    return qb.getOne();
  }

  /** The meeting's version moves (an agenda change, a pack), guarded on the one read: false when it moved first. */
  async touch(m: FundMeetingEntity): Promise<boolean> {
    // read as a SELECT, whatever the driver answers for an UPDATE
    const [{ n }]: { n: number }[] = await this.manager.query(
      `WITH moved AS (UPDATE fund_meeting SET version = version + 1 WHERE id = $1 AND version = $2 RETURNING id)
       SELECT count(*)::int AS n FROM moved`,
      [m.id, m.version],
    );
    return n === 1;
  }

  async insertPack(p: FundMeetingPackEntity): Promise<void> {
    await this.manager.getRepository(FundMeetingPackEntity).insert(p);
  }

  /**
   * The pack a decision on `allocationId` cites: of the meetings whose agenda has it now, the latest
   * meeting (by date) with a pack covering it, and that meeting's latest such pack. Null when the
   * proposal is decided outside any meeting with a pack.
   */
  async citedPack(allocationId: string): Promise<{ meetingId: string; packId: string; sha256: string } | null> {
    const rows: { meeting_id: string; pack_id: string; sha256: string }[] = await this.manager.query(
      `SELECT m.id AS meeting_id, p.id AS pack_id, p.sha256
         FROM fund_meeting_item i
         JOIN fund_meeting m ON m.id = i.meeting_id
         JOIN fund_meeting_pack p ON p.meeting_id = m.id AND $1 = ANY(p.allocation_ids)
        WHERE i.allocation_id = $1
        ORDER BY m.meets_on DESC, m.id DESC, p.version DESC
        LIMIT 1`,
      [allocationId],
    );
    return rows.length ? { meetingId: rows[0].meeting_id, packId: rows[0].pack_id, sha256: rows[0].sha256 } : null;
  }
}
