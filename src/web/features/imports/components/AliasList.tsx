import { CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { ImportDraft } from '../draft';

/** 单位名称对应: names in the file the user pointed at a stored unit (from 校验结果), each removable. */
export function AliasList({ draft, onChange, unitName }: { draft: ImportDraft; onChange: (draft: ImportDraft) => void; unitName: (id: number) => string }) {
  const t = useT();
  const entries = Object.entries(draft.options.unitAliases);
  if (!entries.length) return null;
  const remove = (name: string) =>
    onChange({ ...draft, options: { ...draft.options, unitAliases: Object.fromEntries(entries.filter(([n]) => n !== name)) } });
  return (
    <div data-testid="import-aliases">
      <Typography.Text strong>{t('imports.aliases')}</Typography.Text>
      {entries.map(([name, id]) => (
        <Flex key={name} align="center" gap={4} wrap>
          <Typography.Text>{t('imports.aliasLine', { name, unit: unitName(id) })}</Typography.Text>
          <Button type="link" size="small" icon={<CloseOutlined />} onClick={() => remove(name)}>
            {t('imports.removeAlias')}
          </Button>
        </Flex>
      ))}
    </div>
  );
}
