/**
 * WAI-ARIA tabs: click or arrow keys (Home/End too) select a tab; only the selected tab is in the tab order.
 * Calls `onSelect` with the selected tab's panel id. Returns a function that selects the tab at `index` from
 * code (without moving focus), e.g. to go back to the first tab on sign-out.
 */
export function setUpTabs(
  tablist: HTMLElement,
  onSelect: (panelId: string) => void,
): (index: number) => void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean): void => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(
        other.getAttribute('aria-controls') ?? '',
      );
      if (panel !== null) {
        panel.hidden = !selected;
      }
    }
    if (focus) {
      tab.focus();
    }
    onSelect(tab.getAttribute('aria-controls') ?? '');
  };
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const next: Record<string, number> = {
        ArrowRight: (index + 1) % tabs.length,
        ArrowLeft: (index - 1 + tabs.length) % tabs.length,
        Home: 0,
        End: tabs.length - 1,
      };
      if (event.key in next) {
        event.preventDefault();
        select(tabs[next[event.key]], true);
      }
    });
  }
  return (index) => select(tabs[index], false);
}
