import { render, screen } from '@testing-library/react';
import { LabelList } from './LabelList';

describe('LabelList', () => {
  it('says how many labels the backend left out of a list entry', () => {
    render(<LabelList labels={{ app: 'web' }} omitted={3} />);
    expect(screen.getByText('app=web')).toBeInTheDocument();
    expect(screen.getByText('+3 more')).toBeInTheDocument();
  });

  it('shows no marker when nothing was left out', () => {
    render(<LabelList labels={{ app: 'web' }} />);
    expect(screen.queryByText(/more$/)).toBeNull();
  });
});
