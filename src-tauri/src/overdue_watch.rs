//! Tells the desktop when a request's answer becomes late. A background thread looks at the
//! unlocked store once a minute and shows one notification for the cases that became overdue
//! since the last one; each case is announced once per run. Nothing is read while the store is
//! locked, and nothing leaves the computer: the notification goes to the local desktop only.

use std::collections::HashSet;
use std::time::Duration;

use redress_core::case::{LateAnswer, overdue_notice};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

const EVERY: Duration = Duration::from_secs(60);

/// Starts the watcher thread.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("overdue-watch".into()).spawn(move || {
        let mut announced: HashSet<i64> = HashSet::new();
        loop {
            std::thread::sleep(EVERY);
            check(&app, &mut announced);
        }
    });
    if let Err(e) = spawned {
        eprintln!("warning: overdue reminders are off: {e}");
    }
}

fn check(app: &AppHandle, announced: &mut HashSet<i64>) {
    let state = app.state::<AppState>();
    let today = jiff::Zoned::now().date();
    let Ok(registry) = state.registry.read().map(|r| r.clone()) else { return };
    let late: Vec<(i64, LateAnswer)> = {
        let Ok(slot) = state.store.lock() else { return };
        let Some(store) = slot.as_ref() else { return };
        let Ok(cases) = store.cases() else { return };
        cases
            .into_iter()
            .filter(|c| c.status.awaiting_answer() && c.is_overdue(today) && !announced.contains(&c.id))
            .filter_map(|c| {
                let due = c.deadline.as_ref()?.due;
                let vendor = registry.vendor(&c.vendor_id).map_or(c.vendor_id.clone(), |v| v.name.clone());
                Some((c.id, LateAnswer { vendor, due }))
            })
            .collect()
    };
    let answers: Vec<LateAnswer> = late.iter().map(|(_, l)| l.clone()).collect();
    let Some((title, body)) = overdue_notice(&answers, today) else { return };
    // Without a notification service (a bare X server) the call fails; the Cases screen still
    // shows the case in red, so it is not retried every minute.
    let _ = app.notification().builder().title(title).body(body).show();
    announced.extend(late.iter().map(|(id, _)| *id));
}
