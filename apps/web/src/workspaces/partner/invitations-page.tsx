import '../../ui/styles-workspace';
import { Button, Card, Group, Modal, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints';
import { INVITATION_STATUSES, type Invitation, type InvitationStatus } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../ui/confirm';
import { formatDate } from '../../ui/format';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

export default function InvitationsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('invitations.title'));
  const { me } = useAuth();
  const qc = useQueryClient();
  const [status, setStatus] = useState<InvitationStatus>('pending');
  const list = useQuery({ queryKey: ['invitations', status], queryFn: () => api.invitations(status) });
  const [declining, setDeclining] = useState<Invitation | null>(null);
  const [reason, setReason] = useState('');
  const done = () => {
    setDeclining(null);
    setReason('');
    void qc.invalidateQueries({ queryKey: ['invitations'] });
  };
  const [accepting, setAccepting] = useState<Invitation | null>(null);
  const accept = useMutation({
    mutationFn: (id: string) => api.acceptInvitation(id),
    onSuccess: () => {
      setAccepting(null);
      done();
    },
  });
  const decline = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.declineInvitation(id, reason),
    onSuccess: done,
  });
  const canAnswer = me?.role === 'partner_officer';

  return (
    <Stack>
      <Title order={1}>{t('invitations.title')}</Title>
      <SegmentedControl
        aria-label={t('request.status')}
        value={status}
        onChange={(value) => setStatus(INVITATION_STATUSES.find((s) => s === value) ?? 'pending')}
        data={INVITATION_STATUSES.map((s) => ({
          value: s,
          label: t(`invitationStatus.${s}`),
        }))}
        w="fit-content"
      />
      <ConfirmModal
        opened={accepting !== null}
        message={t('confirm.accept')}
        confirmLabel={t('invitations.accept')}
        onConfirm={() => accepting && accept.mutate(accepting.id)}
        onCancel={() => setAccepting(null)}
        loading={accept.isPending}
        error={accept.isError ? accept.error : undefined}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('invitations.empty')}</Empty>
      ) : (
        <Stack component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((i) => (
            <Card key={i.id} withBorder component="li">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text fw={600}>
                    <Link to={`/app/requests/${i.requestId}`}>
                      <RequestName id={i.requestId} />
                    </Link>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {i.organisationAcronym ?? ''} · {t(`partnerRole.${i.role}`)} · {t(`invitationStatus.${i.status}`)} ·{' '}
                    {formatDate(i.invitedAt, lang)}
                    {i.declineReason ? ` — ${i.declineReason}` : ''}
                  </Text>
                </div>
                {canAnswer && i.status === 'pending' && (
                  <Group gap="xs">
                    <Button
                      size="sm"
                      onClick={() => {
                        accept.reset();
                        setAccepting(i);
                      }}
                      loading={accept.isPending && accept.variables === i.id}
                    >
                      {t('invitations.accept')}
                    </Button>
                    <Button size="sm" variant="outline" color="red" onClick={() => setDeclining(i)}>
                      {t('invitations.decline')}
                    </Button>
                  </Group>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Modal opened={declining !== null} onClose={() => setDeclining(null)} title={t('invitations.decline')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (declining && reason.trim()) decline.mutate({ id: declining.id, reason: reason.trim() });
          }}
        >
          <Stack>
            <Textarea
              label={t('requestActionField.reason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
              autosize
              minRows={3}
            />
            {decline.isError && <ErrorState error={decline.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeclining(null)}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!reason.trim()} loading={decline.isPending}>
                {t('invitations.decline')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

/** The invitation names only the request; its reference and title come from the request (an invited partner may read it). */
function RequestName({ id }: { id: string }) {
  const request = useQuery({
    queryKey: ['request', id],
    queryFn: () => api.request(id),
    staleTime: 60_000,
    retry: false,
  });
  if (!request.data) return <>{id}</>;
  return (
    <>
      {request.data.reference ? `${request.data.reference}: ` : ''}
      {request.data.title}
    </>
  );
}
