import { CameraOutlined, EnvironmentOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Input, Radio, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useStoredState } from '../../../lib/useStoredState';
import { useUploadEvidence, type EvidenceItem, type EvidencePurpose, type PairRole } from '../api';

const DOCUMENT_TYPES = 'image/jpeg,image/png,image/webp,image/heic,.heic,.pdf,.doc,.docx,.xls,.xlsx,.zip';
/** A photo counts as "just taken" (so where the device is now is where it was taken) for this long. */
const FRESH_MS = 10 * 60_000;

interface Position {
  lng: number;
  lat: number;
}

/** The device's position, or null when the user says no, the device cannot tell, or it takes too long. */
function currentPosition(timeoutMs = 8000): Promise<Position | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs + 500);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lng: p.coords.longitude, lat: p.coords.latitude });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

interface Props {
  problemId: number;
  /** The purposes this person may upload for here; the first is the default. */
  purposes: EvidencePurpose[];
  onUploaded?: (item: EvidenceItem) => void;
  /** Offer before/after pairs (photos of the same spot). */
  allowPairs?: boolean;
  testId?: string;
}

/**
 * Upload evidence: take a photo with the device camera or choose files. Photos carry the time the device recorded
 * and, when the user allows it and the photo was just taken, where the device is: the capture location. Saying no
 * never blocks the upload.
 */
export function EvidenceUploader({ problemId, purposes, onUploaded, allowPairs = true, testId = 'evidence-uploader' }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadEvidence(problemId);
  const [purpose, setPurpose] = useState<EvidencePurpose>(purposes[0] ?? 'other');
  const [pairRole, setPairRole] = useState<PairRole | ''>('');
  const [pairKey, setPairKey] = useState('');
  const [withLocation, setWithLocation] = useStoredState<boolean>('ducha.evidence.location', true, (v): v is boolean => typeof v === 'boolean');
  const [busy, setBusy] = useState<string | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const pairMissing = pairRole !== '' && !pairKey.trim();

  async function send(list: FileList | null) {
    if (!list?.length) return;
    if (pairMissing) {
      message.warning(t('evidence.pairKeyRequired'));
      return;
    }
    for (const file of Array.from(list)) {
      const isPhoto = file.type.startsWith('image/');
      const fresh = Date.now() - file.lastModified < FRESH_MS;
      let position: Position | null = null;
      if (isPhoto && withLocation && fresh) {
        setBusy(t('evidence.locating'));
        position = await currentPosition();
        if (!position) message.info(t('evidence.noLocation'));
      }
      setBusy(t('evidence.uploading', { name: file.name }));
      try {
        const item = await upload.mutateAsync({
          file,
          purpose,
          pairRole: isPhoto && pairRole ? pairRole : undefined,
          pairKey: isPhoto && pairRole ? pairKey.trim() : undefined,
          capturedAt: isPhoto ? new Date(file.lastModified).toISOString() : undefined,
          captureLng: position?.lng,
          captureLat: position?.lat,
        });
        onUploaded?.(item);
        if (item.reusedOn.length || item.reusedElsewhere)
          message.warning(
            t('evidence.reusedUploaded', {
              codes: [...item.reusedOn.map((r) => r.code), ...(item.reusedElsewhere ? [t('evidence.reusedHidden', { n: item.reusedElsewhere })] : [])].join('、'),
            }),
          );
        else message.success(t('evidence.uploaded', { name: file.name }));
      } catch {
        // The server's message is shown below the buttons.
        break;
      } finally {
        setBusy(null);
      }
    }
    if (camera.current) camera.current.value = '';
    if (files.current) files.current.value = '';
  }

  return (
    <div className="evidence-uploader" data-testid={testId}>
      <Flex wrap gap={8} align="center">
        {purposes.length > 1 && (
          <Select<EvidencePurpose>
            value={purpose}
            onChange={setPurpose}
            options={purposes.map((p) => ({ value: p, label: t(`evidencePurpose.${p}` as const) }))}
            className="evidence-uploader__purpose"
            aria-label={t('evidence.purpose')}
          />
        )}
        <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()} loading={!!busy} data-testid={`${testId}-camera`}>
          {t('evidence.takePhoto')}
        </Button>
        <Button icon={<PaperClipOutlined />} onClick={() => files.current?.click()} disabled={!!busy} data-testid={`${testId}-choose`}>
          {t('evidence.chooseFiles')}
        </Button>
        <input ref={camera} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} onChange={(e) => void send(e.target.files)} data-testid={`${testId}-camera-input`} />
        <input ref={files} type="file" accept={DOCUMENT_TYPES} multiple style={{ display: 'none' }} onChange={(e) => void send(e.target.files)} data-testid={`${testId}-file-input`} />
        {busy && <Typography.Text type="secondary">{busy}</Typography.Text>}
      </Flex>
      {allowPairs && (
        <Space wrap size={8} className="evidence-uploader__pair">
          <Typography.Text type="secondary">{t('evidence.pair')}</Typography.Text>
          <Radio.Group
            size="small"
            optionType="button"
            value={pairRole}
            onChange={(e) => setPairRole(e.target.value as PairRole | '')}
            options={[
              { value: '', label: t('evidence.pairNone') },
              { value: 'before', label: t('evidence.before') },
              { value: 'after', label: t('evidence.after') },
            ]}
          />
          {pairRole && (
            <Input
              size="small"
              value={pairKey}
              onChange={(e) => setPairKey(e.target.value)}
              maxLength={60}
              placeholder={t('evidence.pairKeyPlaceholder')}
              status={pairMissing ? 'warning' : undefined}
              className="evidence-uploader__pairkey"
              aria-label={t('evidence.pairKey')}
            />
          )}
        </Space>
      )}
      <div className="evidence-uploader__location">
        <Checkbox checked={withLocation} onChange={(e) => setWithLocation(e.target.checked)}>
          <EnvironmentOutlined /> {t('evidence.recordLocation')}
        </Checkbox>
        <Typography.Text type="secondary" className="small evidence-uploader__why">
          {t('evidence.locationWhy')}
        </Typography.Text>
      </div>
      <ServerErrorAlert error={upload.error} />
    </div>
  );
}
