import { CheckCircleFilled } from '@ant-design/icons';
import { Checkbox, Empty, Image, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useEvidence, type EvidenceItem, type EvidencePurpose } from '../api';
import { EvidenceThumb, ReusedFlag } from './EvidenceThumb';
import { EvidenceUploader } from './EvidenceUploader';

interface Props {
  problemId: number;
  /** The rectification round whose files may be attached. */
  round: number;
  /** What may be picked and uploaded here; the first is what new uploads are for. */
  purposes: EvidencePurpose[];
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Only photos count (verification). */
  photosOnly?: boolean;
  /** Offer before/after pairs when uploading (progress photos). */
  allowPairs?: boolean;
  testId?: string;
}

/**
 * Attach evidence to a step (a form control: the value is the list of evidence ids). Files of this round already
 * uploaded for these purposes can be ticked; new ones are uploaded here and ticked at once.
 */
export function EvidencePicker({ problemId, round, purposes, value = [], onChange, photosOnly, allowPairs = false, testId = 'evidence-picker' }: Props) {
  const t = useT();
  const evidence = useEvidence(problemId);
  const choices = (evidence.data ?? []).filter((e) => e.round === round && purposes.includes(e.purpose) && (!photosOnly || e.kind === 'photo'));
  const toggle = (id: number, on: boolean) => onChange?.(on ? [...new Set([...value, id])] : value.filter((v) => v !== id));
  const adopt = (item: EvidenceItem) => {
    if (!photosOnly || item.kind === 'photo') onChange?.([...new Set([...value, item.id])]);
  };
  return (
    <div className="evidence-picker" data-testid={testId}>
      <EvidenceUploader problemId={problemId} purposes={purposes} onUploaded={adopt} allowPairs={allowPairs} testId={`${testId}-upload`} />
      {choices.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={photosOnly ? t('evidence.noPhotosYet') : t('evidence.noneYet')} className="evidence-picker__empty" />
      ) : (
        <Image.PreviewGroup>
          <div className="evidence-picker__grid">
            {choices.map((item) => {
              const picked = value.includes(item.id);
              return (
                <div key={item.id} className={`evidence-pick${picked ? ' is-picked' : ''}`} data-testid="evidence-pick">
                  <EvidenceThumb item={item} size={88} />
                  {picked && <CheckCircleFilled className="evidence-pick__check" aria-hidden />}
                  <Checkbox checked={picked} onChange={(e) => toggle(item.id, e.target.checked)} className="evidence-pick__box">
                    <Typography.Text ellipsis className="evidence-pick__name" title={item.originalName}>
                      {item.originalName}
                    </Typography.Text>
                  </Checkbox>
                  <Typography.Text type="secondary" className="small">
                    {formatDateTime(item.capturedAt ?? item.uploadedAt)}
                  </Typography.Text>
                  <ReusedFlag item={item} withCodes={false} />
                </div>
              );
            })}
          </div>
        </Image.PreviewGroup>
      )}
    </div>
  );
}
