import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, Progress, Space, Steps, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ServerErrorAlert } from '../../../components/ServerError';
import { LoadError, PageLoading } from '../../../components/results';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { downloadTemplate, useAfterCommit, useImport, useUnitChoices, useUpdateImport, type ImportView } from '../api';
import { CheckStep } from '../components/CheckStep';
import { CommitStep } from '../components/CommitStep';
import { MappingStep, RecheckButton } from '../components/MappingStep';
import { ImportStatusTag, UploadStep } from '../components/UploadStep';
import { bodyOf, draftOf, isChanged, mappingFromHeaders, type ImportDraft } from '../draft';

const STEPS = ['upload', 'columns', 'check', 'commit'] as const;
type Step = (typeof STEPS)[number];

/** Where an import opens when no step is asked for: its result once written, else what needs the user next. */
function defaultStep(view: ImportView): Step {
  if (view.status === 'committing' || view.status === 'committed') return 'commit';
  return view.summary ? 'check' : 'columns';
}

/**
 * 导入台账: a four-step wizard over one import (its id in the address, so a reload or a link resumes it).
 * The user's edits live in a draft beside the last checked view: a failed request loses nothing.
 */
export function ImportPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id')) || null;
  const asked = params.get('step') as Step | null;
  const importQuery = useImport(id);
  const view = importQuery.data && importQuery.data.id === id ? importQuery.data : undefined;
  const update = useUpdateImport(id ?? 0);
  const afterCommit = useAfterCommit();
  const [draft, setDraft] = useState<ImportDraft | null>(null);
  const [rechecking, setRechecking] = useState(false);
  const [templateBusy, setTemplateBusy] = useState(false);

  // A newly opened import starts its draft from what was checked.
  if (view && draft?.importId !== view.id) setDraft(draftOf(view));
  const current = view && draft?.importId === view.id ? draft : null;
  const changed = !!(view && current && isChanged(current, view));

  const units = useUnitChoices(!!view);
  const unitChoices = useMemo(() => (units.data ?? []).filter((u) => u.enabled).map((u) => ({ id: u.id, name: u.name })), [units.data]);
  const unitName = (unitId: number) => units.data?.find((u) => u.id === unitId)?.name ?? `#${unitId}`;

  // Written: the ledger and the to-do show the new problems.
  const status = view?.status;
  const seenStatus = useRef(status);
  useEffect(() => {
    if (status === 'committed' && seenStatus.current === 'committing') afterCommit();
    seenStatus.current = status;
  }, [status, afterCommit]);

  const locked = status === 'committing' || status === 'committed';
  const step: Step = !id ? 'upload' : !view ? (asked ?? 'columns') : locked ? 'commit' : asked && asked !== 'upload' ? asked : defaultStep(view);
  const go = (next: Step, nextId: number | null = id) => {
    if (nextId !== id) update.reset();
    const search = new URLSearchParams();
    if (next !== 'upload' && nextId) {
      search.set('id', String(nextId));
      search.set('step', next);
    }
    setParams(search);
    window.scrollTo({ top: 0 });
  };

  /** 重新校验: PUT the draft; after a new sheet or header row, read the columns from the new header and check again. */
  const recheck = async (next: ImportDraft | null = current) => {
    if (!view || !next) return null;
    const body = bodyOf(next, view.version);
    if (!body) return null;
    setRechecking(true);
    try {
      let result = await update.mutateAsync(body);
      if (next.layoutChanged) {
        const mapping = mappingFromHeaders(result.headers);
        if (Object.keys(mapping).length) result = await update.mutateAsync({ ...body, version: result.version, mapping, saveMapping: false });
      }
      setDraft(draftOf(result));
      if (body.saveMapping) message.success(t('imports.mappingSaved'));
      return result;
    } catch (error) {
      // Someone (another tab) changed it: take the new version, keep the edits for the next try.
      if (error instanceof ApiError && error.status === 409) void importQuery.refetch();
      return null;
    } finally {
      setRechecking(false);
    }
  };

  const setAlias = async (name: string, unitId: number) => {
    if (!current) return;
    const next = { ...current, options: { ...current.options, unitAliases: { ...current.options.unitAliases, [name]: unitId } } };
    setDraft(next);
    if (await recheck(next)) message.success(t('imports.aliasApplied', { name, unit: unitName(unitId) }));
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      const name = await downloadTemplate(lang);
      message.success(t('imports.templateDone', { name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setTemplateBusy(false);
    }
  };

  const index = STEPS.indexOf(step);
  const stepTitle = (s: Step) => t(`imports.step.${s}`);
  const stepsBar = screens.md ? (
    <Steps
      current={index}
      onChange={(i) => go(STEPS[i]!)}
      items={STEPS.map((s, i) => ({
        title: stepTitle(s),
        disabled: i > 0 && (!view || (locked && s !== 'commit')),
        status: i === 3 && status === 'committed' ? 'finish' : undefined,
      }))}
      data-testid="import-steps"
    />
  ) : (
    <div data-testid="import-steps">
      <Progress percent={((index + 1) / STEPS.length) * 100} size="small" showInfo={false} />
      <Typography.Text type="secondary" className="small">
        {t('imports.stepOf', { n: index + 1, total: STEPS.length, step: stepTitle(step) })}
      </Typography.Text>
    </div>
  );

  let body: React.ReactNode;
  if (step === 'upload') {
    body = (
      <UploadStep
        onUploaded={(v) => go('columns', v.id)}
        onOpen={(item) => go(item.status === 'analyzed' && !item.summary ? 'columns' : item.status === 'analyzed' ? 'check' : 'commit', item.id)}
        templateButton={
          <Button type="link" icon={<DownloadOutlined />} loading={templateBusy} onClick={() => void template()}>
            {t('imports.template')}
          </Button>
        }
      />
    );
  } else if (importQuery.isError && !view) {
    body = (
      <Card variant="borderless">
        <LoadError error={importQuery.error} onRetry={() => void importQuery.refetch()} />
        <Flex justify="center">
          <Button onClick={() => go('upload')}>{t('imports.again')}</Button>
        </Flex>
      </Card>
    );
  } else if (!view || !current) {
    body = <PageLoading />;
  } else {
    const footer = step === 'columns' || step === 'check';
    body = (
      <Space orientation="vertical" size={16} className="full-width">
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong data-testid="import-file-name">
            {t('imports.file', { name: view.fileName })}
          </Typography.Text>
          <ImportStatusTag status={view.status} />
        </Flex>
        {step === 'columns' && <MappingStep view={view} draft={current} onChange={setDraft} unitName={unitName} />}
        {step === 'check' && (
          <CheckStep
            view={view}
            draft={current}
            changed={changed}
            units={unitChoices}
            unitName={unitName}
            busy={rechecking}
            onAlias={(name, unitId) => void setAlias(name, unitId)}
            onChange={setDraft}
          />
        )}
        {step === 'commit' && <CommitStep view={view} changed={changed} onAgain={() => go('upload')} onBack={() => go('check')} />}
        {footer && (
          <div className="import-footer">
            <ServerErrorAlert error={update.error} />
            <Flex gap={8} wrap justify="space-between" align="center" className="mt-8">
              <Button onClick={() => go(step === 'check' ? 'columns' : 'upload')}>{t('imports.back')}</Button>
              <Flex gap={8} wrap align="center">
                {changed && <Typography.Text type="warning">{t('imports.unsaved')}</Typography.Text>}
                <RecheckButton changed={changed || view.status === 'failed'} loading={rechecking} disabled={!bodyOf(current, view.version)} onClick={() => void recheck()} />
                {step === 'columns' ? (
                  <Button
                    type={changed ? 'default' : 'primary'}
                    disabled={rechecking || !bodyOf(current, view.version)}
                    onClick={() => void (changed ? recheck().then((r) => r && go('check')) : go('check'))}
                    data-testid="import-to-check"
                  >
                    {t('imports.toCheck')}
                  </Button>
                ) : (
                  <Button
                    type={changed || !view.summary || view.summary.errors > 0 ? 'default' : 'primary'}
                    disabled={rechecking || !view.summary}
                    onClick={() => go('commit')}
                    data-testid="import-to-commit"
                  >
                    {t('imports.toCommit')}
                  </Button>
                )}
              </Flex>
            </Flex>
          </div>
        )}
      </Space>
    );
  }

  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('imports.title')}
        description={t('imports.description')}
        extra={
          <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={() => void template()} data-testid="import-template">
            {t('imports.template')}
          </Button>
        }
      />
      <Space orientation="vertical" size={16} className="full-width">
        <Card variant="borderless" size="small">
          {stepsBar}
        </Card>
        {body}
      </Space>
    </div>
  );
}
