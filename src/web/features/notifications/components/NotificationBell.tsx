import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, Grid, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount, type NotificationItem } from '../api';
import { notificationLink, notificationSentence } from '../sentence';

dayjs.extend(relativeTime);

/** 站内消息: the bell with the unread count (asked every minute) and a drawer listing the messages. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pageSize, setPageSize] = useState(20);
  const unread = useUnreadCount();
  const list = useNotifications(unreadOnly, pageSize, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const openItem = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    const to = notificationLink(n);
    if (to) {
      setOpen(false);
      navigate(to);
    }
  };

  return (
    <>
      <Badge count={unread.data ?? 0} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.open', { n: unread.data ?? 0 })}
          onClick={() => setOpen(true)}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notifications.title')}
        size={screens.sm ? 440 : '100%'}
        extra={
          <Button
            size="small"
            icon={<CheckOutlined />}
            disabled={!list.data?.unread}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: () => message.success(t('notifications.allRead')),
                onError: (e) => message.error(errorMessage(e)),
              })
            }
            data-testid="notifications-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        <Space className="notifications__filter">
          <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} id="notifications-unread-only" />
          <label htmlFor="notifications-unread-only">{t('notifications.unreadOnly')}</label>
          {list.data && <Typography.Text type="secondary">{t('notifications.counts', { total: list.data.total, unread: list.data.unread })}</Typography.Text>}
        </Space>
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data && list.data.items.length === 0 ? (
          <Empty description={unreadOnly ? t('notifications.noneUnread') : t('notifications.none')} />
        ) : (
          <ul className="notifications" data-testid="notifications-list">
            {(list.data?.items ?? []).map((n) => (
              <li key={n.id}>
                <button type="button" className={`notification${n.readAt ? '' : ' notification--unread'}`} onClick={() => openItem(n)} data-testid="notification-item">
                  {!n.readAt && <span className="notification__dot" aria-label={t('notifications.unread')} />}
                  <span className="notification__body">
                    <span className="notification__text">{notificationSentence(t, n)}</span>
                    <Typography.Text type="secondary" className="small" title={formatDateTime(n.createdAt)}>
                      {dayjs(n.createdAt).fromNow()}
                    </Typography.Text>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {list.data && list.data.total > list.data.items.length && (
          <Button block onClick={() => setPageSize(pageSize + 20)} loading={list.isFetching}>
            {t('notifications.more')}
          </Button>
        )}
      </Drawer>
    </>
  );
}
