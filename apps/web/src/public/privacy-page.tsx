import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../ui/states';

/** The privacy notice (docs/privacy.md in full): what is kept, why, for how long, and how erasure works. */
export default function PrivacyPage() {
  const t = useT();
  usePageTitle(t('privacy.title'));
  return (
    <Stack maw={760}>
      <Title order={1}>{t('privacy.title')}</Title>
      <Text>{t('privacy.intro')}</Text>

      <Title order={2}>{t('privacy.keptTitle')}</Title>
      <List spacing="xs">
        <List.Item>{t('privacy.keptAccount')}</List.Item>
        <List.Item>{t('privacy.keptTrail')}</List.Item>
        <List.Item>{t('privacy.keptAddresses')}</List.Item>
        <List.Item>{t('privacy.keptContent')}</List.Item>
      </List>

      <Title order={2}>{t('privacy.whyTitle')}</Title>
      <Text>{t('privacy.whyBody')}</Text>

      <Title order={2}>{t('privacy.howLongTitle')}</Title>
      <List spacing="xs">
        <List.Item>{t('privacy.howLongAddresses')}</List.Item>
        <List.Item>{t('privacy.howLongAccount')}</List.Item>
        <List.Item>{t('privacy.howLongTrail')}</List.Item>
      </List>

      <Title order={2}>{t('privacy.erasureTitle')}</Title>
      <Text>{t('privacy.erasureBody')}</Text>

      <Title order={2}>{t('privacy.contactTitle')}</Title>
      <Text>{t('privacy.contactBody')}</Text>

      <Anchor component={Link} to="/">
        {t('nav.home')}
      </Anchor>
    </Stack>
  );
}
