import { Col, Row, Space } from 'antd';
import { useSession } from '../../../session/SessionProvider';
import { TodoSummary } from '../../todo/components/TodoSummary';
import { WarningOverview } from '../components/WarningOverview';
import { QuickLinks, type QuickLink } from '../components/QuickLinks';
import { StatsRow } from '../components/StatsRow';
import { TodayCard } from '../components/TodayCard';
import { WelcomeCard } from '../components/WelcomeCard';

/** 首页: who you are, what day it is, your to-do, what you can see, where you can go. Only real data. */
export function HomePage({ links = [], todo = false }: { links?: QuickLink[]; todo?: boolean }) {
  const { can } = useSession();
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="home-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <WelcomeCard />
        </Col>
        <Col xs={24} lg={8}>
          <TodayCard enabled={can('calendar.read')} />
        </Col>
      </Row>
      {todo && <TodoSummary />}
      {can('problem.read') && <WarningOverview />}
      <StatsRow canUnits={can('unit.read')} canUsers={can('user.read')} />
      {links.length > 0 && <QuickLinks links={links} />}
    </Space>
  );
}
