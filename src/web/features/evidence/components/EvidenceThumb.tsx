import { FileOutlined, FilePdfOutlined, WarningFilled } from '@ant-design/icons';
import { Image, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { evidenceFileUrl, type EvidenceItem } from '../api';

/** Whether the same file also sits on another problem, whether or not the viewer may see that problem. */
export const isReused = (item: EvidenceItem) => item.reusedOn.length > 0 || item.reusedElsewhere > 0;

/** The red mark of a file that also sits on other problems: a reused photo is the classic fake rectification. */
export function ReusedFlag({ item, withCodes = true }: { item: EvidenceItem; withCodes?: boolean }) {
  const t = useT();
  if (!isReused(item)) return null;
  const codes = (
    <>
      {item.reusedOn.map((r, i) => (
        <span key={r.problemId}>
          {i > 0 && '、'}
          <Link to={`/problems/${r.problemId}`} className="mono" onClick={(e) => e.stopPropagation()}>
            {r.code}
          </Link>
        </span>
      ))}
      {item.reusedElsewhere > 0 && <span>{item.reusedOn.length > 0 && '、'}{t('evidence.reusedHidden', { n: item.reusedElsewhere })}</span>}
    </>
  );
  return (
    <Tooltip title={<>{t('evidence.reusedHelp')} {codes}</>}>
      <Tag color="error" icon={<WarningFilled />} className="reused-flag" data-testid="reused-flag">
        {t('evidence.reused')}
        {withCodes && <>：{codes}</>}
      </Tag>
    </Tooltip>
  );
}

/** A small picture of one piece of evidence: the photo itself (click to enlarge) or a document icon (click to open). */
export function EvidenceThumb({ item, size = 96 }: { item: EvidenceItem; size?: number }) {
  const reused = isReused(item);
  return (
    <span className={`evidence-thumb${reused ? ' evidence-thumb--reused' : ''}`} style={{ width: size }} data-testid="evidence-thumb" title={item.originalName}>
      {item.kind === 'photo' ? (
        <Image src={evidenceFileUrl(item.id)} alt={item.originalName} width={size} height={size} className="evidence-thumb__img" />
      ) : (
        <a href={evidenceFileUrl(item.id)} target="_blank" rel="noreferrer" className="evidence-thumb__doc" style={{ width: size, height: size }}>
          {item.mimeType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />}
          <Typography.Text ellipsis className="evidence-thumb__name">
            {item.originalName}
          </Typography.Text>
        </a>
      )}
      {reused && <WarningFilled className="evidence-thumb__warn" aria-hidden />}
    </span>
  );
}

/** Evidence referenced by id (in a report, a self-check item, a verification), found in the problem's list. */
export function EvidenceRefs({ ids, byId, size = 72 }: { ids: readonly number[]; byId: Map<number, EvidenceItem>; size?: number }) {
  const t = useT();
  if (!ids.length) return <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <span className="evidence-refs">
        {ids.map((id) => {
          const item = byId.get(id);
          return item ? (
            <span key={id} className="evidence-refs__item">
              <EvidenceThumb item={item} size={size} />
              <ReusedFlag item={item} withCodes={false} />
            </span>
          ) : (
            <Tag key={id}>#{id}</Tag>
          );
        })}
      </span>
    </Image.PreviewGroup>
  );
}
