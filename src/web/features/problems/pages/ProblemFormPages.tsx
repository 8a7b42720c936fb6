import { App, Form } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { ApiError } from '../../../api/client';
import { ForbiddenResult, LoadError, NotFoundResult, PageLoading } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useMe } from '../../../session/SessionProvider';
import { useCreateProblem, useProblem, useUnitOptions, useUpdateProblem, type CreateProblemInput, type ProblemDetail, type UpdateProblemInput } from '../api';
import { ProblemForm, bodyOf, defaultCriteria, placeServerError, valuesOf, type FormValues } from '../form/ProblemForm';

function useEnterpriseUnits() {
  const units = useUnitOptions();
  return useMemo(() => new Map((units.data ?? []).filter((u) => u.kind === 'enterprise').map((u) => [u.id, { name: u.name, uscc: u.uscc }])), [units.data]);
}

/** 登记问题: a coordinator puts a new problem on the list (待交办), with the five default closing standards. */
export function ProblemNewPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateProblem();
  const enterprises = useEnterpriseUnits();
  const initial = useMemo<FormValues>(
    () => ({
      source: 'central_inspection',
      category: 'water',
      title: '',
      description: '',
      regionId: me.region.id,
      enterpriseMode: 'none',
      closingCriteria: defaultCriteria(t),
      milestones: [],
      deadlineKind: 'date',
      flagged: false,
      isPublic: true,
    }),
    // The defaults are set once, in the language of the moment the page opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const submit = (v: FormValues) =>
    create.mutate(bodyOf(v, enterprises), {
      onSuccess: (p) => {
        message.success(t('problem.registered', { code: p.code }));
        navigate(`/problems/${p.id}`);
      },
      onError: (e) => placeServerError(form, e),
    });
  return (
    <>
      <PageHeader title={t('problem.register')} description={t('form.newDescription')} />
      <ProblemForm form={form} initial={initial} onSubmit={submit} submitting={create.isPending} error={create.error} submitLabel={t('problem.registerSubmit')} onCancel={() => navigate('/problems')} />
    </>
  );
}

/** Only what changed goes to the server (and the version it was read at): nothing the clerk did not touch is rewritten. */
function changesOf(before: CreateProblemInput, after: CreateProblemInput): Partial<CreateProblemInput> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CreateProblemInput)[]) {
    if (JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null)) out[key] = after[key];
  }
  // The deadline goes with its kind.
  if ('deadlineKind' in out || 'deadline' in out) {
    out.deadlineKind = after.deadlineKind;
    out.deadline = after.deadline;
  }
  return out as Partial<CreateProblemInput>;
}

function EditForm({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateProblem(problem.id);
  const enterprises = useEnterpriseUnits();
  const initial = useMemo(() => valuesOf(problem), [problem]);
  const done = problem.milestones.filter((m) => m.round === problem.rectificationRound && m.doneOn).length;
  const submit = (v: FormValues) => {
    const changes = changesOf(bodyOf(initial, enterprises), bodyOf(v, enterprises));
    if (Object.keys(changes).length === 0) {
      message.info(t('form.nothingChanged'));
      navigate(`/problems/${problem.id}`);
      return;
    }
    update.mutate({ ...changes, version: problem.version } as UpdateProblemInput, {
      onSuccess: () => {
        message.success(t('common.saved'));
        navigate(`/problems/${problem.id}`);
      },
      onError: (e) => placeServerError(form, e),
    });
  };
  return (
    <>
      <PageHeader title={t('problem.editTitle', { code: problem.code })} description={t('form.editDescription')} />
      <ProblemForm
        form={form}
        initial={initial}
        onSubmit={submit}
        submitting={update.isPending}
        error={update.error}
        submitLabel={t('common.save')}
        onCancel={() => navigate(`/problems/${problem.id}`)}
        milestonesDone={done}
      />
    </>
  );
}

/** 编辑问题: the coordinator corrects a problem until it enters the closing steps (the server says when). */
export function ProblemEditPage() {
  const id = Number(useParams().id);
  const problem = useProblem(id);
  if (problem.isPending) return <PageLoading />;
  if (problem.isError) return problem.error instanceof ApiError && problem.error.status === 404 ? <NotFoundResult /> : <LoadError error={problem.error} />;
  if (!problem.data.allowedActions.includes('edit')) return <ForbiddenResult />;
  // Keyed by version: a refreshed problem starts a fresh form only when someone saved it meanwhile.
  return <EditForm key={problem.data.version} problem={problem.data} />;
}
