import './ui/styles-core';
import {
  DirectionProvider,
  MantineProvider,
  createTheme,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api/client';
import { AuthProvider } from './auth/auth-context';
import { I18nProvider, initialLang, loadDictionary } from './i18n/i18n';
import { AppRoutes } from './routes';

const unBlue: MantineColorsTuple = [
  '#e7f1fa',
  '#cfe0f1',
  '#9fc0e3',
  '#6c9ed5',
  '#4382c9',
  '#2a70c2',
  '#1c63b4',
  '#0b4f8a',
  '#094375',
  '#05345d',
];

// Darker reds, greens and oranges than Mantine's defaults, so text and buttons in these
// colours keep a 4.5:1 contrast (WCAG AA) on white and on their light tints.
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#e35d5d',
  '#c92a2a',
  '#b52424',
  '#a11f1f',
  '#8c1a1a',
  '#731515',
];
const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#3d9a50',
  '#2f7d3c',
  '#27703a',
  '#215f31',
  '#1b4f29',
  '#154020',
];
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#c76000',
  '#b35400',
  '#a34d00',
  '#8f4300',
  '#7a3900',
  '#662f00',
];

const theme = createTheme({
  primaryColor: 'unblue',
  primaryShade: 7,
  colors: { unblue: unBlue, red, green, orange },
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  focusRing: 'always',
});

// Mantine's default dimmed grey is below 4.5:1 on white; ours passes WCAG AA.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#55606e', '--mantine-color-placeholder': '#6b7480' },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx does not help; a flaky network might.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

async function start() {
  const lang = initialLang();
  const dictionary = await loadDictionary(lang);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial={lang} dictionary={dictionary}>
        <DirectionProvider>
          <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
            <QueryClientProvider client={queryClient}>
              <AuthProvider>
                <BrowserRouter>
                  <AppRoutes />
                </BrowserRouter>
              </AuthProvider>
            </QueryClientProvider>
          </MantineProvider>
        </DirectionProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
