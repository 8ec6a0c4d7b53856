import '../../ui/styles-workspace';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import { ROLES, type OrganisationType, type Role } from '../../api/model';
import { useI18n } from '../../i18n/i18n';
import { useOrganisationName } from '../../ui/organisations';
import { countryName } from '../../ui/places';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

const ORG_TYPES: OrganisationType[] = [
  'un_entity',
  'member_state',
  'ifi',
  'private_sector',
  'foundation',
  'civil_society',
  'local_authority',
  'academia',
  'other',
];

export default function AdminPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.admin'));
  return (
    <Stack>
      <Title order={1}>{t('nav.admin')}</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab>
          <Tabs.Tab value="organisations">{t('admin.organisations')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <Users />
        </Tabs.Panel>
        <Tabs.Panel value="organisations" pt="md">
          <Organisations />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Users() {
  const { t, lang } = useI18n();
  const organisationName = useOrganisationName();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['users'], queryFn: () => api.users() });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api.updateUser(id, { active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
  const [erasing, setErasing] = useState<{ id: string; email: string } | null>(null);
  return (
    <Stack>
      <NewUser />
      {toggle.isError && <ErrorState error={toggle.error} />}
      {erasing && <EraseUser user={erasing} onClose={() => setErasing(null)} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('admin.noUsers')}</Empty>
      ) : (
        <Table striped aria-label={t('admin.users')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.name')}</Table.Th>
              <Table.Th scope="col">{t('login.email')}</Table.Th>
              <Table.Th scope="col">{t('admin.role')}</Table.Th>
              <Table.Th scope="col">{t('admin.scope')}</Table.Th>
              <Table.Th scope="col">{t('request.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((u) => {
              const active = u.active;
              return (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                  <Table.Td>
                    {u.countryCode ? countryName(u.countryCode, lang) : organisationName(u.organisationId)}
                  </Table.Td>
                  <Table.Td>
                    {u.erasedAt ? (
                      <Text size="sm" c="dimmed">
                        {t('admin.erased')}
                      </Text>
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          color={active ? 'red' : undefined}
                          onClick={() => toggle.mutate({ id: u.id, active: !active })}
                          aria-label={`${active ? t('admin.deactivate') : t('admin.activate')}: ${u.email}`}
                        >
                          {active ? t('admin.deactivate') : t('admin.activate')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setErasing({ id: u.id, email: u.email })}
                          aria-label={`${t('admin.erase')}: ${u.email}`}
                        >
                          {t('admin.erase')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Erasure on request: a reason, then the person's name and e-mail are gone for good (POST /users/{id}/erasure). */
function EraseUser({ user, onClose }: { user: { id: string; email: string }; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const erase = useMutation({
    mutationFn: () => api.eraseUser(user.id, reason.trim()),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    erase.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('admin.eraseTitle')}
      closeButtonProps={{ 'aria-label': t('action.cancel') }}
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('admin.eraseBody')}</Text>
          <Text size="sm" fw={600}>
            {user.email}
          </Text>
          <TextInput
            label={t('admin.eraseReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            minLength={5}
            maxLength={500}
          />
          {erase.isError && <ErrorState error={erase.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color="red" loading={erase.isPending} disabled={reason.trim().length < 5}>
              {t('admin.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NewUser() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => api.organisations(), staleTime: 5 * 60_000 });
  const [v, setV] = useState({
    email: '',
    name: '',
    password: '',
    role: 'focal_point' as Role,
    countryCode: '',
    organisationId: '',
  });
  const create = useMutation({
    mutationFn: () =>
      api.createUser({
        email: v.email.trim(),
        name: v.name.trim(),
        password: v.password,
        role: v.role,
        ...(v.countryCode ? { countryCode: v.countryCode.trim().toUpperCase() } : {}),
        ...(v.organisationId ? { organisationId: v.organisationId } : {}),
      }),
    onSuccess: () => {
      setV({ email: '', name: '', password: '', role: 'focal_point', countryCode: '', organisationId: '' });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Text fw={600}>{t('admin.newUser')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('admin.name')}
              required
              value={v.name}
              onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('login.email')}
              type="email"
              required
              value={v.email}
              onChange={(e) => setV({ ...v, email: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('login.password')}
              required
              value={v.password}
              onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
              autoComplete="new-password"
            />
            <NativeSelect
              label={t('admin.role')}
              value={v.role}
              onChange={(e) => setV({ ...v, role: e.currentTarget.value as Role })}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <TextInput
              label={t('admin.countryCode')}
              value={v.countryCode}
              onChange={(e) => setV({ ...v, countryCode: e.currentTarget.value })}
              maxLength={3}
            />
            <NativeSelect
              label={t('admin.organisation')}
              value={v.organisationId}
              onChange={(e) => setV({ ...v, organisationId: e.currentTarget.value })}
              data={[{ value: '', label: '—' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            />
          </SimpleGrid>
          {create.isError && <ErrorState error={create.error} />}
          {create.isSuccess && (
            <Alert color="green" role="status">
              {t('admin.userCreated')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('admin.createUser')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Organisations() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['organisations'], queryFn: () => api.organisations() });
  const [v, setV] = useState({ name: '', acronym: '', type: 'un_entity' as OrganisationType });
  const create = useMutation({
    mutationFn: () => api.createOrganisation({ name: v.name.trim(), acronym: v.acronym.trim(), type: v.type }),
    onSuccess: () => {
      setV({ name: '', acronym: '', type: 'un_entity' });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  return (
    <Stack>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack>
            <Text fw={600}>{t('admin.newOrganisation')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('admin.name')}
                required
                value={v.name}
                onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
              />
              <TextInput
                label={t('admin.acronym')}
                value={v.acronym}
                onChange={(e) => setV({ ...v, acronym: e.currentTarget.value })}
              />
              <NativeSelect
                label={t('admin.orgType')}
                value={v.type}
                onChange={(e) => setV({ ...v, type: e.currentTarget.value as OrganisationType })}
                data={ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))}
              />
            </SimpleGrid>
            {create.isError && <ErrorState error={create.error} />}
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('admin.createOrganisation')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table striped aria-label={t('admin.organisations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.name')}</Table.Th>
              <Table.Th scope="col">{t('admin.acronym')}</Table.Th>
              <Table.Th scope="col">{t('admin.orgType')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{o.acronym ?? '—'}</Table.Td>
                <Table.Td>{t(`orgType.${o.type}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
