import { DownloadOutlined, EnvironmentOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Card, Empty, Image, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { EVIDENCE_PURPOSES, evidenceFileUrl, type EvidenceItem, type EvidencePurpose } from '../api';
import { EvidenceThumb, isReused, ReusedFlag } from './EvidenceThumb';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** One file with everything that makes it trustworthy: hash, capture time and place, who uploaded it, reuse. */
export function EvidenceCard({ item }: { item: EvidenceItem }) {
  const t = useT();
  return (
    <div className={`evidence-card${isReused(item) ? ' evidence-card--reused' : ''}`} data-testid="evidence-card">
      <EvidenceThumb item={item} size={148} />
      <div className="evidence-card__meta">
        <Typography.Text strong ellipsis title={item.originalName} className="evidence-card__name">
          {item.originalName}
        </Typography.Text>
        <Space size={4} wrap>
          <Tag>{t(`evidencePurpose.${item.purpose}` as const)}</Tag>
          {item.pairRole && <Tag color={item.pairRole === 'before' ? 'orange' : 'green'}>{t(`evidence.${item.pairRole}` as const)}</Tag>}
        </Space>
        <Typography.Text type="secondary" className="small">
          {item.capturedAt ? t('evidence.capturedAt', { time: formatDateTime(item.capturedAt) }) : t('evidence.noCaptureTime')}
        </Typography.Text>
        {item.captureLng && item.captureLat ? (
          <Typography.Text type="secondary" className="small" data-testid="evidence-location">
            <EnvironmentOutlined /> {Number(item.captureLng).toFixed(5)}, {Number(item.captureLat).toFixed(5)}
          </Typography.Text>
        ) : (
          item.kind === 'photo' && (
            <Typography.Text type="secondary" className="small">
              {t('evidence.noCaptureLocation')}
            </Typography.Text>
          )
        )}
        <Typography.Text type="secondary" className="small">
          {t('evidence.uploadedBy', { name: item.uploadedBy.name, time: formatDateTime(item.uploadedAt) })}
        </Typography.Text>
        <Typography.Text type="secondary" className="small">
          SHA-256{' '}
          <Tooltip title={item.sha256}>
            <Typography.Text copyable={{ text: item.sha256 }} className="mono small">
              {item.sha256.slice(0, 12)}…
            </Typography.Text>
          </Tooltip>{' '}
          · {sizeText(item.size)}
        </Typography.Text>
        <ReusedFlag item={item} />
        <a href={evidenceFileUrl(item.id, true)} className="small">
          <DownloadOutlined /> {t('evidence.download')}
        </a>
      </div>
    </div>
  );
}

/** 整改前后对比: the before and after photos of one spot, side by side. */
function PairRow({ pairKey, items }: { pairKey: string; items: EvidenceItem[] }) {
  const t = useT();
  const before = items.filter((i) => i.pairRole === 'before');
  const after = items.filter((i) => i.pairRole === 'after');
  return (
    <Card size="small" title={t('evidence.pairTitle', { spot: pairKey })} className="evidence-pair" data-testid="evidence-pair">
      <div className="evidence-pair__row">
        <div className="evidence-pair__side">
          <Typography.Text type="secondary">{t('evidence.before')}</Typography.Text>
          {before.length ? before.map((i) => <EvidenceCard key={i.id} item={i} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.pairMissingBefore')} />}
        </div>
        <SwapRightOutlined className="evidence-pair__arrow" aria-hidden />
        <div className="evidence-pair__side">
          <Typography.Text type="secondary">{t('evidence.after')}</Typography.Text>
          {after.length ? after.map((i) => <EvidenceCard key={i.id} item={i} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.pairMissingAfter')} />}
        </div>
      </div>
    </Card>
  );
}

/** 佐证材料: every file of the problem by round, before/after pairs first, filterable by purpose. */
export function EvidenceGallery({ items, uploader }: { items: EvidenceItem[]; uploader?: React.ReactNode }) {
  const t = useT();
  const [purpose, setPurpose] = useState<EvidencePurpose | 'all'>('all');
  const shown = items.filter((i) => purpose === 'all' || i.purpose === purpose);
  const rounds = [...new Set(shown.map((i) => i.round))].sort((a, b) => b - a);
  const reused = items.filter(isReused).length;
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="evidence-gallery">
      {uploader}
      {reused > 0 && (
        <Typography.Text type="danger" strong data-testid="reused-summary">
          {t('evidence.reusedSummary', { n: reused })}
        </Typography.Text>
      )}
      <Segmented<EvidencePurpose | 'all'>
        value={purpose}
        onChange={setPurpose}
        options={[
          { value: 'all', label: `${t('evidence.allPurposes')} ${items.length}` },
          ...EVIDENCE_PURPOSES.filter((p) => items.some((i) => i.purpose === p)).map((p) => ({
            value: p,
            label: `${t(`evidencePurpose.${p}` as const)} ${items.filter((i) => i.purpose === p).length}`,
          })),
        ]}
      />
      {shown.length === 0 && <Empty description={t('evidence.noneYet')} />}
      <Image.PreviewGroup>
        {rounds.map((round) => {
          const inRound = shown.filter((i) => i.round === round);
          const pairKeys = [...new Set(inRound.filter((i) => i.pairKey).map((i) => i.pairKey!))];
          const singles = inRound.filter((i) => !i.pairKey);
          return (
            <div key={round} className="evidence-round">
              {(rounds.length > 1 || round > 1) && (
                <Typography.Title level={5} className="evidence-round__title">
                  {t('problem.roundN', { n: round })}
                </Typography.Title>
              )}
              <Space orientation="vertical" size={12} className="full-width">
                {pairKeys.map((key) => (
                  <PairRow key={key} pairKey={key} items={inRound.filter((i) => i.pairKey === key)} />
                ))}
                {singles.length > 0 && (
                  <div className="evidence-grid">
                    {singles.map((i) => (
                      <EvidenceCard key={i.id} item={i} />
                    ))}
                  </div>
                )}
              </Space>
            </div>
          );
        })}
      </Image.PreviewGroup>
    </Space>
  );
}
