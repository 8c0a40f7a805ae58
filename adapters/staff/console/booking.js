// 電話予約の受付: staff on the reservation line book for a caller, find a reservation by its
// number, move it or cancel it. Loaded after console.js, whose helpers it uses; data only ever
// goes into the page as text.
'use strict';
(function () {
  const { $, el, api, act, announce, showAlert, debounce, birthdayOf, reservationAction, CHANNEL, RESERVATION_STATUS } = window.staffConsole;

  /** 2026-12-22 → 12月22日(火) */
  function dayLabel(ymd) {
    const [y, m, d] = ymd.split('-').map(Number);
    return `${m}月${d}日(${'日月火水木金土'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]})`;
  }

  const whenLabel = (r) => `${dayLabel(r.date)} ${r.start}〜${r.end}`;

  /** 12345678 → 1234 5678: how a number is read to a caller. */
  const spaced = (number) => number.replace(/^(\d{4})(\d{4})$/, '$1 $2');

  /** One key per form fill, so a double click or a retried request books once. */
  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // randomUUID exists only in secure contexts; getRandomValues everywhere.
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- free windows for the phone, into a <select> ----------------------------------------

  /**
   * Fills `select` with the day's free phone windows, keeping the chosen one if it is still
   * free; `skip` leaves out one start time (the reservation's own window when moving it).
   */
  async function loadSlots(select, date, skip) {
    const keep = select.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return clearSlots(select);
    select.dataset.date = date;
    const { windows } = await api('GET', `/api/availability?from=${date}&to=${date}&channel=phone`);
    if (select.dataset.date !== date) return; // the date changed while we waited
    const slots = (windows || [])
      .map((w) => ({ start: w.start.slice(11, 16), end: w.end.slice(11, 16), remaining: w.remaining }))
      .filter((w) => w.start !== skip);
    select.replaceChildren(
      el('option', { value: '', text: slots.length ? '選んでください' : '空いている時間帯はありません' }),
      ...slots.map((w) => el('option', { value: w.start, text: `${w.start}〜${w.end}(残り${w.remaining})` })),
    );
    if (slots.some((w) => w.start === keep)) select.value = keep;
  }

  function clearSlots(select) {
    delete select.dataset.date;
    select.replaceChildren(el('option', { value: '', text: '先に日付を選んでください' }));
  }

  /** Counts shown in the selects follow bookings made elsewhere. */
  window.staffConsole.onDayChanged(debounce(() => {
    for (const [input, select, skip] of [[$('book-date'), $('book-slot')], [$('change-date'), $('change-slot'), movingSkip]]) {
      if (input.value && select.dataset.date === input.value) {
        loadSlots(select, input.value, typeof skip === 'function' ? skip() : undefined).catch(() => {});
      }
    }
  }, 300));

  // ---- 予約の受付 ---------------------------------------------------------------------------

  let bookingKey = newKey();
  let booking = false; // a request is on its way

  function clearBookForm() {
    $('book-form').reset();
    clearSlots($('book-slot'));
    bookingKey = newKey();
  }

  $('book-date').addEventListener('change', () => act(() => loadSlots($('book-slot'), $('book-date').value)));

  $('book-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (booking) return;
    const date = $('book-date').value;
    const start = $('book-slot').value;
    const birthday = birthdayOf($('book-birthday').value);
    const phone = $('book-phone').value.trim();
    const email = $('book-email').value.trim();
    if (!date || !start) return showAlert('日付と時間帯を選んでください。');
    if (!birthday) return showAlert('誕生日を「月-日」の形（例: 04-05）で入力してください。');
    if (!phone) return showAlert('電話番号を入力してください。');
    booking = true;
    $('book-submit').disabled = true;
    act(async () => {
      try {
        const { reservation } = await api('POST', '/api/staff/reservations',
          { date, start, birthday, phone, ...(email ? { email } : {}) },
          { headers: { 'idempotency-key': bookingKey } });
        showBooked(reservation);
        clearBookForm();
      } catch (err) {
        // A full or stopped window: show what is still free (the refusal stays in the alert).
        loadSlots($('book-slot'), date).catch(() => {});
        throw err;
      } finally {
        booking = false;
        $('book-submit').disabled = false;
      }
    });
  });

  $('book-clear').addEventListener('click', () => {
    clearBookForm();
    showAlert('');
    $('book-date').focus();
  });

  function showBooked(r) {
    $('result-number').textContent = spaced(r.number);
    $('result-when').textContent = whenLabel(r);
    $('result-script').textContent = `予約番号は ${spaced(r.number)} です。当日は、誕生日とご予約の時間をお伝えください。`;
    $('result-open').dataset.number = r.number;
    $('book-result').hidden = false;
    announce(`予約しました。予約番号 ${spaced(r.number)}、${whenLabel(r)}`);
  }

  /** The result box must not keep showing a time that has since been moved or cancelled. */
  function syncResult(r) {
    if ($('result-open').dataset.number !== r.number) return;
    if (r.status === 'booked') $('result-when').textContent = whenLabel(r);
    else $('book-result').hidden = true;
  }

  $('result-open').addEventListener('click', () => {
    $('find-number').value = $('result-open').dataset.number || '';
    $('find-form').requestSubmit();
  });

  // ---- 予約番号で探す -------------------------------------------------------------------------

  let found = null; // the reservation on show

  function movingSkip() {
    return found && $('change-date').value === found.date ? found.start : undefined;
  }

  $('find-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = $('find-number').value.normalize('NFKC').replace(/[\s-]/g, '');
    if (!/^\d{8}$/.test(number)) return showAlert('予約番号は8桁の数字で入力してください。');
    act(async () => {
      try {
        const { reservation } = await api('GET', `/api/staff/reservations/${number}`);
        showFound(reservation, '');
        $('found-title').focus();
      } catch (err) {
        hideFound();
        throw err;
      }
    });
  });

  function hideFound() {
    found = null;
    $('found').hidden = true;
    $('found-note').textContent = '';
  }

  function showFound(r, note) {
    found = r;
    syncResult(r);
    $('found').hidden = false;
    $('found-title').textContent = `予約番号 ${spaced(r.number)}`;
    const facts = [
      ['日時', whenLabel(r)],
      ['状態', RESERVATION_STATUS[r.status] || r.status],
      ['経路', CHANNEL[r.channel] || r.channel],
      ['電話', r.phone],
    ];
    $('found-facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
    $('found-note').textContent = note;
    const booked = r.status === 'booked';
    $('change-form').hidden = !booked;
    $('found-cancel').hidden = !booked;
    if (booked) {
      $('change-date').value = r.date;
      $('change-slot').value = '';
      loadSlots($('change-slot'), r.date, r.start).catch((err) => showAlert(err.message));
    }
  }

  $('change-date').addEventListener('change', () => act(() => loadSlots($('change-slot'), $('change-date').value, movingSkip())));

  $('change-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!found) return;
    const date = $('change-date').value;
    const start = $('change-slot').value;
    if (!date || !start) return showAlert('変更先の日付と時間帯を選んでください。');
    const number = found.number;
    act(async () => {
      try {
        const { reservation, previous } = await api('POST', `/api/staff/reservations/${number}/change`, { date, start });
        const from = `${dayLabel(previous.date)} ${previous.start}〜`;
        const message = `${from} から ${whenLabel(reservation)} に変更しました。`;
        showFound(reservation, message);
        announce(`予約番号 ${spaced(number)} を${message}`);
      } catch (err) {
        loadSlots($('change-slot'), date, movingSkip()).catch(() => {});
        throw err;
      }
    });
  });

  $('found-cancel').addEventListener('click', () => {
    if (!found) return;
    const r = found;
    if (!confirm(`予約番号 ${r.number}（${dayLabel(r.date)} ${r.start}〜）を取り消します。よろしいですか。`)) return;
    reservationAction(r.number, 'cancel', undefined, (reservation) => {
      showFound(reservation, '取り消しました。');
      $('found-title').focus();
    });
  });

  // Caller data must not stay on screen for the next person at the desk.
  window.staffConsole.onSignedOut(() => {
    clearBookForm();
    $('book-result').hidden = true;
    $('find-form').reset();
    hideFound();
  });
})();
