import { Card, CardActionArea, CardContent, Grid, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';

const CARDS = [
  {
    title: 'Secrets',
    text: 'Integration and webhook secrets, stored encrypted.',
    to: '/settings/integrations/secrets',
  },
  {
    title: 'Connections',
    text: 'Persistent connections that use integration secrets.',
    to: '/settings/integrations/connections',
  },
  {
    title: 'Workflows',
    text: 'HTTP Request steps that reference webhook secrets.',
    to: '/settings/integrations/workflows',
  },
];

export default function SettingsHome() {
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        Settings
      </Typography>
      <Typography variant="h6" component="h2" gutterBottom>
        Integrations
      </Typography>
      <Grid container spacing={2}>
        {CARDS.map((card) => (
          <Grid key={card.to} size={{ xs: 12, md: 4 }}>
            <Card>
              <CardActionArea component={RouterLink} to={card.to}>
                <CardContent>
                  <Typography variant="h6">{card.title}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {card.text}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
    </>
  );
}
